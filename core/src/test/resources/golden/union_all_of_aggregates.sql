-- query
SELECT k, count(*) AS n FROM a GROUP BY k UNION ALL SELECT k, count(*) FROM b GROUP BY k
-- definition
 SELECT a.k,
    count(*) AS n
   FROM public.a
  GROUP BY a.k
UNION ALL
 SELECT b.k,
    count(*) AS n
   FROM public.b
  GROUP BY b.k
-- columns
k integer
n bigint
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 1 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 1 :colnames ("k" "n")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("k")} :rtekind 9 :groupexprs ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 1 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2803 :aggtype 20 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes <> :aggdirectargs <> :args <> :aggorder <> :aggdistinct <> :aggfilter <> :aggstar true :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 2 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>} {RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 2 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 2 :colnames ("k" "n")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("k")} :rtekind 9 :groupexprs ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 1 :resorigtbl 22561 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2803 :aggtype 20 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes <> :aggdirectargs <> :args <> :aggorder <> :aggdistinct <> :aggfilter <> :aggstar true :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 2 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist <> :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 20 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations {SETOPERATIONSTMT :op 1 :all true :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :colTypes (o 23 20) :colTypmods (i -1 -1) :colCollations (o 0 0) :groupClauses <>} :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2803	pg_catalog	count	a	0	i
operator	97	pg_catalog	<
relation	22551	public	a
relation	22561	public	b
type	20	-1	bigint
type	23	-1	integer
-- result
differential
-- operator tree
UnionAll  [linear]
  Project "a"."k" AS k; pg_catalog."count"(*) AS n  [linear]
    Aggregate GROUP BY "a"."k"; pg_catalog."count"(*)  [per group: counters at the top of the query, else the touched groups recomputed]
      Scan "public"."a" AS a  [Δ: its change buffer]
  Project "b"."k" AS k; pg_catalog."count"(*) AS n  [linear]
    Aggregate GROUP BY "b"."k"; pg_catalog."count"(*)  [per group: counters at the top of the query, else the touched groups recomputed]
      Scan "public"."b" AS b  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT a.k,
    count(*) AS n
   FROM public.a
  GROUP BY a.k
UNION ALL
 SELECT b.k,
    count(*) AS n
   FROM public.b
  GROUP BY b.k) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "k", CAST(x.__pgs_c1 AS bigint) AS "n", x.__pgs_w FROM (SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c1 AS __pgs_k0 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x)
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, -1::bigint AS __pgs_w
  FROM (SELECT n.__pgs_c0 AS __pgs_c0, n.__pgs_c1 AS __pgs_c1, n.__pgs_c2 AS __pgs_c2, n.__pgs_c3 AS __pgs_c3, n.__pgs_c4 AS __pgs_c4, n.__pgs_c5 AS __pgs_c5, n.__pgs_c6 AS __pgs_c6, 1::bigint AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_c3 AS __pgs_c3, q.__pgs_c4 AS __pgs_c4, q.__pgs_c5 AS __pgs_c5, q.__pgs_c6 AS __pgs_c6, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, y.__pgs_c3, y.__pgs_c4, y.__pgs_c5, y.__pgs_c6, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2, z.__pgs_c3, z.__pgs_c4, z.__pgs_c5, z.__pgs_c6)::text AS __pgs_t FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) z) y) q
 WHERE q.__pgs_m <> 0) n
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x
 GROUP BY x.__pgs_c1) g
UNION ALL
SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c1 AS __pgs_k0 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x)
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, -1::bigint AS __pgs_w
  FROM (SELECT n.__pgs_c0 AS __pgs_c0, n.__pgs_c1 AS __pgs_c1, n.__pgs_c2 AS __pgs_c2, n.__pgs_c3 AS __pgs_c3, 1::bigint AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_c3 AS __pgs_c3, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, y.__pgs_c3, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2, z.__pgs_c3)::text AS __pgs_t FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) z) y) q
 WHERE q.__pgs_m <> 0) n
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x
 GROUP BY x.__pgs_c1) g) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."k", d."n")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."k", s2."n")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", "n", __pgs_rowid)
    SELECT n."k", n."n", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

