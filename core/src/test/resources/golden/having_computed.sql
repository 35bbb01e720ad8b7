-- query
SELECT k, round(avg(v), 1) AS av FROM a GROUP BY k HAVING bool_or(flag)
-- definition
 SELECT k,
    round(avg(v), 1) AS av
   FROM public.a
  GROUP BY k
 HAVING bool_or(flag)
-- columns
k integer
av numeric
-- probe types
numeric(12,2);boolean
numeric;boolean
-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("k")} :rtekind 9 :groupexprs ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11 14) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 1 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {FUNCEXPR :funcid 1707 :funcresulttype 1700 :funcretset false :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 :args ({AGGREF :aggfnoid 2103 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}) :location -1} :resno 2 :resname av :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :groupDistinct false :groupingSets <> :havingQual {AGGREF :aggfnoid 2518 :aggtype 16 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 16) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 7 :vartype 16 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	1707	pg_catalog	round	f	0	i
function	2103	pg_catalog	avg	a	0	i
function	2518	pg_catalog	bool_or	a	0	i
operator	97	pg_catalog	<
relation	22551	public	a
type	16	-1	boolean
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	23	-1	integer
-- result
differential
-- operator tree
Project "a"."k" AS k; pg_catalog."round"(pg_catalog."avg"("a"."v"), 1) AS av  [linear]
  Filter pg_catalog."bool_or"("a"."flag")  [linear]
    Aggregate GROUP BY "a"."k"; pg_catalog."avg"("a"."v"); pg_catalog."bool_or"("a"."flag")  [per group: counters at the top of the query, else the touched groups recomputed]
      Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
__pgs_agg_0 numeric
__pgs_sum_0 numeric
__pgs_nn_0 bigint
__pgs_agg_1 boolean
__pgs_nn_1 bigint
__pgs_true_1 bigint
-- full query
SELECT x.__pgs_c1 AS "k", pg_catalog."round"(pg_catalog."avg"(x.__pgs_c3), 1) AS "av", hash_record_extended(ROW(x.__pgs_c1), 0) AS __pgs_rowid, count(*) AS __pgs_count, pg_catalog."avg"(x.__pgs_c3) AS "__pgs_agg_0", sum(x.__pgs_c3)::numeric AS "__pgs_sum_0", count(x.__pgs_c3) AS "__pgs_nn_0", pg_catalog."bool_or"(x.__pgs_c6) AS "__pgs_agg_1", count(x.__pgs_c6) AS "__pgs_nn_1", count(*) FILTER (WHERE x.__pgs_c6) AS "__pgs_true_1"
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
 GROUP BY x.__pgs_c1
 HAVING pg_catalog."bool_or"(x.__pgs_c6)
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT x.__pgs_c1 AS __pgs_k0, x.__pgs_c3 AS __pgs_a0, x.__pgs_c6 AS __pgs_a1, x.__pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x),
__pgs_g AS (
SELECT __pgs_k0,
       hash_record_extended(ROW(__pgs_k0), 0) AS __pgs_rowid,
       sum(__pgs_w) AS __pgs_dcount,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a0 IS NOT NULL), 0) AS __pgs_dnn_0,
       sum(__pgs_a0 * __pgs_w) AS __pgs_dsum_0,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a0 IS NOT NULL), false) AS __pgs_del_0,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a1 IS NOT NULL), 0) AS __pgs_dnn_1,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a1), 0) AS __pgs_dtrue_1
  FROM __pgs_d
 GROUP BY __pgs_k0),
__pgs_m AS (
SELECT __pgs_g.*, __pgs_s.ctid AS __pgs_tid, __pgs_s AS __pgs_old,
       __pgs_s.ctid IS NULL AS __pgs_rc
  FROM __pgs_g LEFT JOIN "public"."st" __pgs_s ON __pgs_s.__pgs_rowid = __pgs_g.__pgs_rowid AND ROW(__pgs_s."k") IS NOT DISTINCT FROM ROW(__pgs_g.__pgs_k0)),
__pgs_v AS (
SELECT __pgs_m.__pgs_tid, __pgs_m.__pgs_rc, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_cnt, CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) > 0 THEN coalesce(CAST(CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_1 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END) = 0 THEN NULL ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_true_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_true_1", 0) + __pgs_m.__pgs_dtrue_1 END) > 0 END END AS boolean), false) ELSE false END AS __pgs_keep, (__pgs_m.__pgs_k0)::integer AS __pgs_new_0, (CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) > 0 THEN pg_catalog."round"(CAST(CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_0 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_0", 0) + __pgs_m.__pgs_dnn_0 END) = 0 THEN NULL ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_sum_0" + __pgs_m.__pgs_dsum_0, (__pgs_m.__pgs_old)."__pgs_sum_0", __pgs_m.__pgs_dsum_0) END) / (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_0", 0) + __pgs_m.__pgs_dnn_0 END)::numeric END END AS numeric), 1) END)::numeric AS __pgs_new_1, __pgs_m.__pgs_rowid AS __pgs_new_2, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_new_3, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_0 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_0", 0) + __pgs_m.__pgs_dnn_0 END) = 0 THEN NULL ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_sum_0" + __pgs_m.__pgs_dsum_0, (__pgs_m.__pgs_old)."__pgs_sum_0", __pgs_m.__pgs_dsum_0) END) / (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_0", 0) + __pgs_m.__pgs_dnn_0 END)::numeric END END) AS __pgs_new_4, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_sum_0" + __pgs_m.__pgs_dsum_0, (__pgs_m.__pgs_old)."__pgs_sum_0", __pgs_m.__pgs_dsum_0) END)::numeric) AS __pgs_new_5, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_0", 0) + __pgs_m.__pgs_dnn_0 END)) AS __pgs_new_6, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_1 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END) = 0 THEN NULL ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_true_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_true_1", 0) + __pgs_m.__pgs_dtrue_1 END) > 0 END END) AS __pgs_new_7, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END)) AS __pgs_new_8, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_true_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_true_1", 0) + __pgs_m.__pgs_dtrue_1 END)) AS __pgs_new_9
  FROM __pgs_m LEFT JOIN LATERAL (SELECT count(*) AS r_count, pg_catalog."avg"(x.__pgs_c3) AS r_0, pg_catalog."bool_or"(x.__pgs_c6) AS r_1, sum(x.__pgs_c3)::numeric AS __pgs_sum_0, count(x.__pgs_c3) AS __pgs_nn_0, count(x.__pgs_c6) AS __pgs_nn_1, count(*) FILTER (WHERE x.__pgs_c6) AS __pgs_true_1 FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (__pgs_m.__pgs_rc) AND (((__pgs_m.__pgs_k0 IS NULL AND (x.__pgs_c1) IS NULL) OR (x.__pgs_c1) = __pgs_m.__pgs_k0))) __pgs_r ON true),
__pgs_del AS (DELETE FROM "public"."st" t USING __pgs_v v WHERE t.ctid = v.__pgs_tid AND NOT (v.__pgs_cnt > 0 AND v.__pgs_keep) RETURNING 1),
__pgs_upd AS (UPDATE "public"."st" t SET "k" = v.__pgs_new_0, "av" = v.__pgs_new_1, "__pgs_rowid" = v.__pgs_new_2, "__pgs_count" = v.__pgs_new_3, "__pgs_agg_0" = v.__pgs_new_4, "__pgs_sum_0" = v.__pgs_new_5, "__pgs_nn_0" = v.__pgs_new_6, "__pgs_agg_1" = v.__pgs_new_7, "__pgs_nn_1" = v.__pgs_new_8, "__pgs_true_1" = v.__pgs_new_9 FROM __pgs_v v WHERE t.ctid = v.__pgs_tid AND v.__pgs_cnt > 0 AND v.__pgs_keep RETURNING 1),
__pgs_ins AS (INSERT INTO "public"."st" ("k", "av", "__pgs_rowid", "__pgs_count", "__pgs_agg_0", "__pgs_sum_0", "__pgs_nn_0", "__pgs_agg_1", "__pgs_nn_1", "__pgs_true_1") SELECT v.__pgs_new_0, v.__pgs_new_1, v.__pgs_new_2, v.__pgs_new_3, v.__pgs_new_4, v.__pgs_new_5, v.__pgs_new_6, v.__pgs_new_7, v.__pgs_new_8, v.__pgs_new_9 FROM __pgs_v v WHERE v.__pgs_tid IS NULL AND v.__pgs_cnt > 0 AND v.__pgs_keep AND (SELECT count(*) FROM __pgs_del) >= 0 RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
-- state tables

