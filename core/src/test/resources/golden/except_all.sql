-- query
SELECT k FROM a EXCEPT ALL SELECT k FROM c
-- definition
 SELECT a.k
   FROM public.a
EXCEPT ALL
 SELECT c.k
   FROM public.c
-- columns
k integer
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 1 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 1 :colnames ("k")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 22551 :resorigcol 2 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>} {RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 2 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 2 :colnames ("k")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname c :colnames ("id" "k" "g" "x")} :rtekind 0 :relid 22571 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22571 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 22571 :resorigcol 2 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist <> :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations {SETOPERATIONSTMT :op 3 :all true :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :colTypes (o 23) :colTypmods (i -1) :colCollations (o 0) :groupClauses ({SORTGROUPCLAUSE :tleSortGroupRef 0 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true})} :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
relation	22551	public	a
relation	22571	public	c
type	23	-1	integer
-- result
differential
-- operator tree
Except All  [per touched row: its counts on both sides]
  Project "a"."k" AS k  [linear]
    Scan "public"."a" AS a  [Δ: its change buffer]
  Project "c"."k" AS k  [linear]
    Scan "public"."c" AS c  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT a.k
   FROM public.a
EXCEPT ALL
 SELECT c.k
   FROM public.c) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "k", x.__pgs_w FROM (SELECT g.* FROM (WITH __pgs_g AS (SELECT x.__pgs_c0 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x) x UNION SELECT x.__pgs_c0 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."x" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_c"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x) x)
SELECT g.__pgs_c0 AS __pgs_c0, (GREATEST(c.l1 - c.r1, 0) - GREATEST(c.l0 - c.r0, 0))::bigint AS __pgs_w
  FROM __pgs_g g CROSS JOIN LATERAL (SELECT (SELECT coalesce(sum(y.__pgs_w), 0) FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x) y WHERE ROW(y.__pgs_c0) IS NOT DISTINCT FROM ROW(g.__pgs_c0)) AS l1, (SELECT coalesce(sum(y.__pgs_w), 0) FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t) x) y WHERE ROW(y.__pgs_c0) IS NOT DISTINCT FROM ROW(g.__pgs_c0)) AS r1, (SELECT coalesce(sum(y.__pgs_w), 0) FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x) y WHERE ROW(y.__pgs_c0) IS NOT DISTINCT FROM ROW(g.__pgs_c0)) AS l0, (SELECT coalesce(sum(y.__pgs_w), 0) FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."x" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_c"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x) y WHERE ROW(y.__pgs_c0) IS NOT DISTINCT FROM ROW(g.__pgs_c0)) AS r0) c) g WHERE g.__pgs_w <> 0) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."k")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."k")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", __pgs_rowid)
    SELECT n."k", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

