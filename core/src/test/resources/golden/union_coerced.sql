-- query
SELECT k FROM a UNION SELECT w::bigint FROM b
-- definition
 SELECT a.k
   FROM public.a
UNION
 SELECT (b.w)::bigint AS k
   FROM public.b
-- columns
k bigint
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 1 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 1 :colnames ("k")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 22551 :resorigcol 2 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>} {RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 2 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 2 :colnames ("k")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 10) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {FUNCEXPR :funcid 481 :funcresulttype 20 :funcretset false :funcvariadic false :funcformat 1 :funccollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1}) :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist <> :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 20 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations {SETOPERATIONSTMT :op 1 :all false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :colTypes (o 20) :colTypmods (i -1) :colCollations (o 0) :groupClauses ({SORTGROUPCLAUSE :tleSortGroupRef 0 :eqop 410 :sortop 412 :reverse_sort false :nulls_first false :hashable true})} :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
relation	22551	public	a
relation	22561	public	b
type	20	-1	bigint
type	23	-1	integer
-- result
differential
-- operator tree
Distinct  [per row: a count at the top of the query, else the touched rows recomputed]
  UnionAll  [linear]
    Project "a"."k" AS k  [linear]
      Scan "public"."a" AS a  [Δ: its change buffer]
    Project CAST("b"."w" AS bigint) AS k  [linear]
      Scan "public"."b" AS b  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
-- full query
SELECT x."k", hash_record_extended(ROW(x."k"), 0) AS __pgs_rowid, count(*) AS __pgs_count
  FROM (SELECT CAST(x.__pgs_c0 AS bigint) AS "k" FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
UNION ALL
SELECT CAST(x.__pgs_c2 AS bigint) AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x) x) x GROUP BY x."k"
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS bigint) AS "k", x.__pgs_w FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x
UNION ALL
SELECT CAST(x.__pgs_c2 AS bigint) AS __pgs_c0, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x) x),
__pgs_n AS (
    SELECT "k", sum(__pgs_w) AS __pgs_net FROM __pgs_d GROUP BY "k"),
__pgs_m AS (
    SELECT n.*, s.ctid AS __pgs_tid, coalesce(s.__pgs_count, 0) + n.__pgs_net AS __pgs_cnt
      FROM __pgs_n n LEFT JOIN "public"."st" s ON s.__pgs_rowid = hash_record_extended(ROW(n."k"), 0) AND ROW(s."k") IS NOT DISTINCT FROM ROW(n."k")
     WHERE n.__pgs_net <> 0),
__pgs_del AS (
    DELETE FROM "public"."st" s USING __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt <= 0
    RETURNING 1),
__pgs_upd AS (
    UPDATE "public"."st" s SET __pgs_count = m.__pgs_cnt FROM __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt > 0
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", __pgs_rowid, __pgs_count)
    SELECT m."k", hash_record_extended(ROW(m."k"), 0), m.__pgs_cnt FROM __pgs_m m
     WHERE m.__pgs_tid IS NULL AND m.__pgs_cnt > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
-- state tables

