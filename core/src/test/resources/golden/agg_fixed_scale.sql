-- query
SELECT g, sum(v * (1 - v)) AS disc, avg(v * 2) AS av2, sum(round(v / 3, 2)) AS r3, sum(v / 3) AS third FROM a GROUP BY g
-- definition
 SELECT g,
    sum((v * ((1)::numeric - v))) AS disc,
    avg((v * (2)::numeric)) AS av2,
    sum(round((v / (3)::numeric), 2)) AS r3,
    sum((v / (3)::numeric)) AS third
   FROM public.a
  GROUP BY g
-- columns
g integer
disc numeric
av2 numeric
r3 numeric
third numeric
-- probe types
numeric;numeric;numeric;numeric
-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 16745 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("g")} :rtekind 9 :groupexprs ({VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 16745 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 10 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 1 :resname g :ressortgroupref 1 :resorigtbl 16745 :resorigcol 3 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {OPEXPR :opno 1760 :opfuncid 1726 :opresulttype 1700 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {OPEXPR :opno 1759 :opfuncid 1725 :opresulttype 1700 :opretset false :opcollid 0 :inputcollid 0 :args ({FUNCEXPR :funcid 1740 :funcresulttype 1700 :funcretset false :funcvariadic false :funcformat 1 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}) :location -1} {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1}) :location -1}) :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 2 :resname disc :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2103 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {OPEXPR :opno 1760 :opfuncid 1726 :opresulttype 1700 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {FUNCEXPR :funcid 1740 :funcresulttype 1700 :funcretset false :funcvariadic false :funcformat 1 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 2 0 0 0 0 0 0 0 ]}) :location -1}) :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 3 :resname av2 :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {FUNCEXPR :funcid 1707 :funcresulttype 1700 :funcretset false :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 :args ({OPEXPR :opno 1761 :opfuncid 1727 :opresulttype 1700 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {FUNCEXPR :funcid 1740 :funcresulttype 1700 :funcretset false :funcvariadic false :funcformat 1 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 3 0 0 0 0 0 0 0 ]}) :location -1}) :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 2 0 0 0 0 0 0 0 ]}) :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 4 :resname r3 :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {OPEXPR :opno 1761 :opfuncid 1727 :opresulttype 1700 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {FUNCEXPR :funcid 1740 :funcresulttype 1700 :funcretset false :funcvariadic false :funcformat 1 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 3 0 0 0 0 0 0 0 ]}) :location -1}) :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 5 :resname third :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	1707	pg_catalog	round	f	0	i
function	2103	pg_catalog	avg	a	0	i
function	2114	pg_catalog	sum	a	0	i
operator	1759	pg_catalog	-
operator	1760	pg_catalog	*
operator	1761	pg_catalog	/
operator	97	pg_catalog	<
relation	16745	public	a
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	23	-1	integer
-- result
differential
-- operator tree
Project "a"."g" AS g; pg_catalog."sum"(("a"."v" OPERATOR(pg_catalog.*) (CAST(1 AS numeric) OPERATOR(pg_catalog.-) "a"."v"))) AS disc; pg_catalog."avg"(("a"."v" OPERATOR(pg_catalog.*) CAST(2 AS numeric))) AS av2; pg_catalog."sum"(pg_catalog."round"(("a"."v" OPERATOR(pg_catalog./) CAST(3 AS numeric)), 2)) AS r3; pg_catalog."sum"(("a"."v" OPERATOR(pg_catalog./) CAST(3 AS numeric))) AS third  [linear]
  Aggregate GROUP BY "a"."g"; pg_catalog."sum"(("a"."v" OPERATOR(pg_catalog.*) (CAST(1 AS numeric) OPERATOR(pg_catalog.-) "a"."v"))); pg_catalog."avg"(("a"."v" OPERATOR(pg_catalog.*) CAST(2 AS numeric))); pg_catalog."sum"(pg_catalog."round"(("a"."v" OPERATOR(pg_catalog./) CAST(3 AS numeric)), 2)); pg_catalog."sum"(("a"."v" OPERATOR(pg_catalog./) CAST(3 AS numeric)))  [per group: counters at the top of the query, else the touched groups recomputed]
    Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
__pgs_nn_0 bigint
__pgs_sum_1 numeric
__pgs_nn_1 bigint
__pgs_nn_2 bigint
__pgs_nn_3 bigint
-- full query
SELECT x.__pgs_c2 AS "g", pg_catalog."sum"((x.__pgs_c3 OPERATOR(pg_catalog.*) (CAST(1 AS numeric) OPERATOR(pg_catalog.-) x.__pgs_c3))) AS "disc", pg_catalog."avg"((x.__pgs_c3 OPERATOR(pg_catalog.*) CAST(2 AS numeric))) AS "av2", pg_catalog."sum"(pg_catalog."round"((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric)), 2)) AS "r3", pg_catalog."sum"((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric))) AS "third", hash_record_extended(ROW(x.__pgs_c2), 0) AS __pgs_rowid, count(*) AS __pgs_count, count((x.__pgs_c3 OPERATOR(pg_catalog.*) (CAST(1 AS numeric) OPERATOR(pg_catalog.-) x.__pgs_c3))) AS "__pgs_nn_0", sum((x.__pgs_c3 OPERATOR(pg_catalog.*) CAST(2 AS numeric)))::numeric AS "__pgs_sum_1", count((x.__pgs_c3 OPERATOR(pg_catalog.*) CAST(2 AS numeric))) AS "__pgs_nn_1", count(pg_catalog."round"((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric)), 2)) AS "__pgs_nn_2", count((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric))) AS "__pgs_nn_3"
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
 GROUP BY x.__pgs_c2
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT x.__pgs_c2 AS __pgs_k0, (x.__pgs_c3 OPERATOR(pg_catalog.*) (CAST(1 AS numeric) OPERATOR(pg_catalog.-) x.__pgs_c3)) AS __pgs_a0, (x.__pgs_c3 OPERATOR(pg_catalog.*) CAST(2 AS numeric)) AS __pgs_a1, pg_catalog."round"((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric)), 2) AS __pgs_a2, (x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric)) AS __pgs_a3, x.__pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x),
__pgs_g AS (
SELECT __pgs_k0,
       hash_record_extended(ROW(__pgs_k0), 0) AS __pgs_rowid,
       sum(__pgs_w) AS __pgs_dcount,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a0 IS NOT NULL), 0) AS __pgs_dnn_0,
       sum(__pgs_a0 * __pgs_w) AS __pgs_dsum_0,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a0 IS NOT NULL), false) AS __pgs_del_0,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a1 IS NOT NULL), 0) AS __pgs_dnn_1,
       sum(__pgs_a1 * __pgs_w) AS __pgs_dsum_1,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a1 IS NOT NULL), false) AS __pgs_del_1,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a2 IS NOT NULL), 0) AS __pgs_dnn_2,
       sum(__pgs_a2 * __pgs_w) AS __pgs_dsum_2,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a2 IS NOT NULL), false) AS __pgs_del_2,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a3 IS NOT NULL), 0) AS __pgs_dnn_3,
       sum(__pgs_a3 * __pgs_w) AS __pgs_dsum_3,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a3 IS NOT NULL), false) AS __pgs_del_3
  FROM __pgs_d
 GROUP BY __pgs_k0),
__pgs_m AS (
SELECT __pgs_g.*, __pgs_s.ctid AS __pgs_tid, __pgs_s AS __pgs_old,
       __pgs_g.__pgs_del_3 AS __pgs_rc
  FROM __pgs_g LEFT JOIN "public"."st" __pgs_s ON __pgs_s.__pgs_rowid = __pgs_g.__pgs_rowid AND ROW(__pgs_s."g") IS NOT DISTINCT FROM ROW(__pgs_g.__pgs_k0)),
__pgs_v AS (
SELECT __pgs_m.__pgs_tid, __pgs_m.__pgs_rc, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_cnt, true AS __pgs_keep, (__pgs_m.__pgs_k0)::integer AS __pgs_new_0, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_0 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_0", 0) + __pgs_m.__pgs_dnn_0 END) = 0 THEN NULL ELSE coalesce((__pgs_m.__pgs_old)."disc" + __pgs_m.__pgs_dsum_0, (__pgs_m.__pgs_old)."disc", __pgs_m.__pgs_dsum_0) END END)::numeric AS __pgs_new_1, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_1 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END) = 0 THEN NULL ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_sum_1" + __pgs_m.__pgs_dsum_1, (__pgs_m.__pgs_old)."__pgs_sum_1", __pgs_m.__pgs_dsum_1) END) / (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END)::numeric END END)::numeric AS __pgs_new_2, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_2 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_2 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_2", 0) + __pgs_m.__pgs_dnn_2 END) = 0 THEN NULL ELSE coalesce((__pgs_m.__pgs_old)."r3" + __pgs_m.__pgs_dsum_2, (__pgs_m.__pgs_old)."r3", __pgs_m.__pgs_dsum_2) END END)::numeric AS __pgs_new_3, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_3 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_3 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_3", 0) + __pgs_m.__pgs_dnn_3 END) = 0 THEN NULL ELSE coalesce((__pgs_m.__pgs_old)."third" + __pgs_m.__pgs_dsum_3, (__pgs_m.__pgs_old)."third", __pgs_m.__pgs_dsum_3) END END)::numeric AS __pgs_new_4, __pgs_m.__pgs_rowid AS __pgs_new_5, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_new_6, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_0 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_0", 0) + __pgs_m.__pgs_dnn_0 END)) AS __pgs_new_7, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_sum_1" + __pgs_m.__pgs_dsum_1, (__pgs_m.__pgs_old)."__pgs_sum_1", __pgs_m.__pgs_dsum_1) END)::numeric) AS __pgs_new_8, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END)) AS __pgs_new_9, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_2 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_2", 0) + __pgs_m.__pgs_dnn_2 END)) AS __pgs_new_10, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_3 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_3", 0) + __pgs_m.__pgs_dnn_3 END)) AS __pgs_new_11
  FROM __pgs_m LEFT JOIN LATERAL (SELECT count(*) AS r_count, pg_catalog."sum"((x.__pgs_c3 OPERATOR(pg_catalog.*) (CAST(1 AS numeric) OPERATOR(pg_catalog.-) x.__pgs_c3))) AS r_0, pg_catalog."avg"((x.__pgs_c3 OPERATOR(pg_catalog.*) CAST(2 AS numeric))) AS r_1, pg_catalog."sum"(pg_catalog."round"((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric)), 2)) AS r_2, pg_catalog."sum"((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric))) AS r_3, count((x.__pgs_c3 OPERATOR(pg_catalog.*) (CAST(1 AS numeric) OPERATOR(pg_catalog.-) x.__pgs_c3))) AS __pgs_nn_0, sum((x.__pgs_c3 OPERATOR(pg_catalog.*) CAST(2 AS numeric)))::numeric AS __pgs_sum_1, count((x.__pgs_c3 OPERATOR(pg_catalog.*) CAST(2 AS numeric))) AS __pgs_nn_1, count(pg_catalog."round"((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric)), 2)) AS __pgs_nn_2, count((x.__pgs_c3 OPERATOR(pg_catalog./) CAST(3 AS numeric))) AS __pgs_nn_3 FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (__pgs_m.__pgs_rc) AND (((__pgs_m.__pgs_k0 IS NULL AND (x.__pgs_c2) IS NULL) OR (x.__pgs_c2) = __pgs_m.__pgs_k0))) __pgs_r ON true),
__pgs_del AS (DELETE FROM "public"."st" t USING __pgs_v v WHERE t.ctid = v.__pgs_tid AND NOT (v.__pgs_cnt > 0 AND v.__pgs_keep) RETURNING 1),
__pgs_upd AS (UPDATE "public"."st" t SET "g" = v.__pgs_new_0, "disc" = v.__pgs_new_1, "av2" = v.__pgs_new_2, "r3" = v.__pgs_new_3, "third" = v.__pgs_new_4, "__pgs_rowid" = v.__pgs_new_5, "__pgs_count" = v.__pgs_new_6, "__pgs_nn_0" = v.__pgs_new_7, "__pgs_sum_1" = v.__pgs_new_8, "__pgs_nn_1" = v.__pgs_new_9, "__pgs_nn_2" = v.__pgs_new_10, "__pgs_nn_3" = v.__pgs_new_11 FROM __pgs_v v WHERE t.ctid = v.__pgs_tid AND v.__pgs_cnt > 0 AND v.__pgs_keep RETURNING 1),
__pgs_ins AS (INSERT INTO "public"."st" ("g", "disc", "av2", "r3", "third", "__pgs_rowid", "__pgs_count", "__pgs_nn_0", "__pgs_sum_1", "__pgs_nn_1", "__pgs_nn_2", "__pgs_nn_3") SELECT v.__pgs_new_0, v.__pgs_new_1, v.__pgs_new_2, v.__pgs_new_3, v.__pgs_new_4, v.__pgs_new_5, v.__pgs_new_6, v.__pgs_new_7, v.__pgs_new_8, v.__pgs_new_9, v.__pgs_new_10, v.__pgs_new_11 FROM __pgs_v v WHERE v.__pgs_tid IS NULL AND v.__pgs_cnt > 0 AND v.__pgs_keep RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
-- state tables

