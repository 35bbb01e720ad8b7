-- query
SELECT k % 2 AS parity, (k % 2) * count(*) AS x FROM a GROUP BY k % 2
-- definition
 SELECT (k % 2) AS parity,
    ((k % 2) * count(*)) AS x
   FROM public.a
  GROUP BY (k % 2)
-- columns
parity integer
x bigint
-- probe types
integer
bigint
-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("parity")} :rtekind 9 :groupexprs ({OPEXPR :opno 530 :opfuncid 156 :opresulttype 23 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 2 0 0 0 0 0 0 0 ]}) :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 1 :resname parity :ressortgroupref 1 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {OPEXPR :opno 694 :opfuncid 1280 :opresulttype 20 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {AGGREF :aggfnoid 2803 :aggtype 20 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes <> :aggdirectargs <> :args <> :aggorder <> :aggdistinct <> :aggfilter <> :aggstar true :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1}) :location -1} :resno 2 :resname x :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2803	pg_catalog	count	a	0	i
operator	530	pg_catalog	%
operator	694	pg_catalog	*
operator	97	pg_catalog	<
relation	22551	public	a
type	20	-1	bigint
type	23	-1	integer
-- result
differential
-- operator tree
Project ("a"."k" OPERATOR(pg_catalog.%) 2) AS parity; (("a"."k" OPERATOR(pg_catalog.%) 2) OPERATOR(pg_catalog.*) pg_catalog."count"(*)) AS x  [linear]
  Aggregate GROUP BY ("a"."k" OPERATOR(pg_catalog.%) 2); pg_catalog."count"(*)  [per group: counters at the top of the query, else the touched groups recomputed]
    Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
__pgs_agg_0 bigint
-- full query
SELECT (x.__pgs_c1 OPERATOR(pg_catalog.%) 2) AS "parity", ((x.__pgs_c1 OPERATOR(pg_catalog.%) 2) OPERATOR(pg_catalog.*) pg_catalog."count"(*)) AS "x", hash_record_extended(ROW((x.__pgs_c1 OPERATOR(pg_catalog.%) 2)), 0) AS __pgs_rowid, count(*) AS __pgs_count, pg_catalog."count"(*) AS "__pgs_agg_0"
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
 GROUP BY (x.__pgs_c1 OPERATOR(pg_catalog.%) 2)
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT (x.__pgs_c1 OPERATOR(pg_catalog.%) 2) AS __pgs_k0, x.__pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x),
__pgs_g AS (
SELECT __pgs_k0,
       hash_record_extended(ROW(__pgs_k0), 0) AS __pgs_rowid,
       sum(__pgs_w) AS __pgs_dcount
  FROM __pgs_d
 GROUP BY __pgs_k0),
__pgs_m AS (
SELECT __pgs_g.*, __pgs_s.ctid AS __pgs_tid, __pgs_s AS __pgs_old,
       false AS __pgs_rc
  FROM __pgs_g LEFT JOIN "public"."st" __pgs_s ON __pgs_s.__pgs_rowid = __pgs_g.__pgs_rowid AND ROW(__pgs_s."parity") IS NOT DISTINCT FROM ROW(__pgs_g.__pgs_k0)),
__pgs_v AS (
SELECT __pgs_m.__pgs_tid, __pgs_m.__pgs_rc, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_cnt, true AS __pgs_keep, (__pgs_m.__pgs_k0)::integer AS __pgs_new_0, (CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) > 0 THEN (__pgs_m.__pgs_k0 OPERATOR(pg_catalog.*) CAST(CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_0 ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) END AS bigint)) END)::bigint AS __pgs_new_1, __pgs_m.__pgs_rowid AS __pgs_new_2, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_new_3, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_0 ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) END) AS __pgs_new_4
  FROM __pgs_m LEFT JOIN LATERAL (SELECT count(*) AS r_count, pg_catalog."count"(*) AS r_0 FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (__pgs_m.__pgs_rc) AND (((__pgs_m.__pgs_k0 IS NULL AND ((x.__pgs_c1 OPERATOR(pg_catalog.%) 2)) IS NULL) OR ((x.__pgs_c1 OPERATOR(pg_catalog.%) 2)) = __pgs_m.__pgs_k0))) __pgs_r ON true),
__pgs_del AS (DELETE FROM "public"."st" t USING __pgs_v v WHERE t.ctid = v.__pgs_tid AND NOT (v.__pgs_cnt > 0 AND v.__pgs_keep) RETURNING 1),
__pgs_upd AS (UPDATE "public"."st" t SET "parity" = v.__pgs_new_0, "x" = v.__pgs_new_1, "__pgs_rowid" = v.__pgs_new_2, "__pgs_count" = v.__pgs_new_3, "__pgs_agg_0" = v.__pgs_new_4 FROM __pgs_v v WHERE t.ctid = v.__pgs_tid AND v.__pgs_cnt > 0 AND v.__pgs_keep RETURNING 1),
__pgs_ins AS (INSERT INTO "public"."st" ("parity", "x", "__pgs_rowid", "__pgs_count", "__pgs_agg_0") SELECT v.__pgs_new_0, v.__pgs_new_1, v.__pgs_new_2, v.__pgs_new_3, v.__pgs_new_4 FROM __pgs_v v WHERE v.__pgs_tid IS NULL AND v.__pgs_cnt > 0 AND v.__pgs_keep AND (SELECT count(*) FROM __pgs_del) >= 0 RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
-- state tables

