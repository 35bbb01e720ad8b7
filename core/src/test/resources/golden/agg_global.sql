-- query
SELECT count(*) AS n, sum(v) AS sv, avg(k) AS ak, bool_and(flag) AS all_flag FROM a
-- definition
 SELECT count(*) AS n,
    sum(v) AS sv,
    avg(k) AS ak,
    bool_and(flag) AS all_flag
   FROM public.a
-- columns
n bigint
sv numeric
ak numeric
all_flag boolean
-- probe types
integer;numeric(12,2);integer;boolean
-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11 14) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {AGGREF :aggfnoid 2803 :aggtype 20 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes <> :aggdirectargs <> :args <> :aggorder <> :aggdistinct <> :aggfilter <> :aggstar true :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 1 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 2 :resname sv :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2101 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 23) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 3 :resname ak :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2517 :aggtype 16 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 16) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 7 :vartype 16 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 4 :resname all_flag :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2101	pg_catalog	avg	a	0	i
function	2114	pg_catalog	sum	a	0	i
function	2517	pg_catalog	bool_and	a	0	i
function	2803	pg_catalog	count	a	0	i
relation	22551	public	a
type	16	-1	boolean
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	20	-1	bigint
type	23	-1	integer
-- result
differential
-- operator tree
Project pg_catalog."count"(*) AS n; pg_catalog."sum"("a"."v") AS sv; pg_catalog."avg"("a"."k") AS ak; pg_catalog."bool_and"("a"."flag") AS all_flag  [linear]
  Aggregate GROUP BY (); pg_catalog."count"(*); pg_catalog."sum"("a"."v"); pg_catalog."avg"("a"."k"); pg_catalog."bool_and"("a"."flag")  [per group: counters at the top of the query, else the touched groups recomputed]
    Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
__pgs_nn_1 bigint
__pgs_sum_2 numeric
__pgs_nn_2 bigint
__pgs_nn_3 bigint
__pgs_true_3 bigint
-- full query
SELECT pg_catalog."count"(*) AS "n", pg_catalog."sum"(x.__pgs_c3) AS "sv", pg_catalog."avg"(x.__pgs_c1) AS "ak", pg_catalog."bool_and"(x.__pgs_c6) AS "all_flag", 0::bigint AS __pgs_rowid, count(*) AS __pgs_count, count(x.__pgs_c3) AS "__pgs_nn_1", sum(x.__pgs_c1)::numeric AS "__pgs_sum_2", count(x.__pgs_c1) AS "__pgs_nn_2", count(x.__pgs_c6) AS "__pgs_nn_3", count(*) FILTER (WHERE x.__pgs_c6) AS "__pgs_true_3"
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT x.__pgs_c3 AS __pgs_a1, x.__pgs_c1 AS __pgs_a2, x.__pgs_c6 AS __pgs_a3, x.__pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x),
__pgs_g AS (
SELECT 0::bigint AS __pgs_rowid,
       sum(__pgs_w) AS __pgs_dcount,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a1 IS NOT NULL), 0) AS __pgs_dnn_1,
       sum(__pgs_a1 * __pgs_w) AS __pgs_dsum_1,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a1 IS NOT NULL), false) AS __pgs_del_1,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a2 IS NOT NULL), 0) AS __pgs_dnn_2,
       sum(__pgs_a2 * __pgs_w) AS __pgs_dsum_2,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a2 IS NOT NULL), false) AS __pgs_del_2,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a3 IS NOT NULL), 0) AS __pgs_dnn_3,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a3), 0) AS __pgs_dtrue_3
  FROM __pgs_d
HAVING count(*) > 0),
__pgs_m AS (
SELECT __pgs_g.*, __pgs_s.ctid AS __pgs_tid, __pgs_s AS __pgs_old,
       false AS __pgs_rc
  FROM __pgs_g LEFT JOIN "public"."st" __pgs_s ON true),
__pgs_v AS (
SELECT __pgs_m.__pgs_tid, __pgs_m.__pgs_rc, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_cnt, true AS __pgs_keep, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_0 ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) END)::bigint AS __pgs_new_0, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_1 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END) = 0 THEN NULL ELSE coalesce((__pgs_m.__pgs_old)."sv" + __pgs_m.__pgs_dsum_1, (__pgs_m.__pgs_old)."sv", __pgs_m.__pgs_dsum_1) END END)::numeric AS __pgs_new_1, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_2 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_2 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_2", 0) + __pgs_m.__pgs_dnn_2 END) = 0 THEN NULL ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_2 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_sum_2" + __pgs_m.__pgs_dsum_2, (__pgs_m.__pgs_old)."__pgs_sum_2", __pgs_m.__pgs_dsum_2) END) / (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_2 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_2", 0) + __pgs_m.__pgs_dnn_2 END)::numeric END END)::numeric AS __pgs_new_2, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_3 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_3 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_3", 0) + __pgs_m.__pgs_dnn_3 END) = 0 THEN NULL ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_true_3 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_true_3", 0) + __pgs_m.__pgs_dtrue_3 END) = (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_3 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_3", 0) + __pgs_m.__pgs_dnn_3 END) END END)::boolean AS __pgs_new_3, __pgs_m.__pgs_rowid AS __pgs_new_4, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_new_5, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END)) AS __pgs_new_6, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_2 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_sum_2" + __pgs_m.__pgs_dsum_2, (__pgs_m.__pgs_old)."__pgs_sum_2", __pgs_m.__pgs_dsum_2) END)::numeric) AS __pgs_new_7, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_2 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_2", 0) + __pgs_m.__pgs_dnn_2 END)) AS __pgs_new_8, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_3 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_3", 0) + __pgs_m.__pgs_dnn_3 END)) AS __pgs_new_9, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_true_3 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_true_3", 0) + __pgs_m.__pgs_dtrue_3 END)) AS __pgs_new_10
  FROM __pgs_m LEFT JOIN LATERAL (SELECT count(*) AS r_count, pg_catalog."count"(*) AS r_0, pg_catalog."sum"(x.__pgs_c3) AS r_1, pg_catalog."avg"(x.__pgs_c1) AS r_2, pg_catalog."bool_and"(x.__pgs_c6) AS r_3, count(x.__pgs_c3) AS __pgs_nn_1, sum(x.__pgs_c1)::numeric AS __pgs_sum_2, count(x.__pgs_c1) AS __pgs_nn_2, count(x.__pgs_c6) AS __pgs_nn_3, count(*) FILTER (WHERE x.__pgs_c6) AS __pgs_true_3 FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (__pgs_m.__pgs_rc)) __pgs_r ON true),
__pgs_del AS (DELETE FROM "public"."st" t USING __pgs_v v WHERE t.ctid = v.__pgs_tid AND NOT (v.__pgs_keep) RETURNING 1),
__pgs_upd AS (UPDATE "public"."st" t SET "n" = v.__pgs_new_0, "sv" = v.__pgs_new_1, "ak" = v.__pgs_new_2, "all_flag" = v.__pgs_new_3, "__pgs_rowid" = v.__pgs_new_4, "__pgs_count" = v.__pgs_new_5, "__pgs_nn_1" = v.__pgs_new_6, "__pgs_sum_2" = v.__pgs_new_7, "__pgs_nn_2" = v.__pgs_new_8, "__pgs_nn_3" = v.__pgs_new_9, "__pgs_true_3" = v.__pgs_new_10 FROM __pgs_v v WHERE t.ctid = v.__pgs_tid AND v.__pgs_keep RETURNING 1),
__pgs_ins AS (INSERT INTO "public"."st" ("n", "sv", "ak", "all_flag", "__pgs_rowid", "__pgs_count", "__pgs_nn_1", "__pgs_sum_2", "__pgs_nn_2", "__pgs_nn_3", "__pgs_true_3") SELECT v.__pgs_new_0, v.__pgs_new_1, v.__pgs_new_2, v.__pgs_new_3, v.__pgs_new_4, v.__pgs_new_5, v.__pgs_new_6, v.__pgs_new_7, v.__pgs_new_8, v.__pgs_new_9, v.__pgs_new_10 FROM __pgs_v v WHERE v.__pgs_tid IS NULL AND v.__pgs_keep AND (SELECT count(*) FROM __pgs_del) >= 0 RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
-- state tables

