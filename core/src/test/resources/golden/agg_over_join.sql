-- query
SELECT b.label, count(*) AS n, sum(a.v) AS sv, min(a.t) AS mint FROM a JOIN b ON a.k = b.k GROUP BY b.label
-- definition
 SELECT b.label,
    count(*) AS n,
    sum(a.v) AS sv,
    min(a.t) AS mint
   FROM (public.a
     JOIN public.b ON ((a.k = b.k)))
  GROUP BY b.label
-- columns
label text
n bigint
sv numeric
mint text
-- probe types
integer;numeric(12,2);text
-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 2 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("id" "k" "g" "v" "f" "t" "flag" "id" "k" "w" "label")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {VAR :varno 1 :varattno 5 :vartype 701 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 5 :location -1} {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} {VAR :varno 1 :varattno 7 :vartype 16 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1} {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1}) :joinleftcols (i 1 2 3 4 5 6 7) :joinrightcols (i 1 2 3 4) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("label")} :rtekind 9 :groupexprs ({VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11 13) :insertedCols (b) :updatedCols (b)} {RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 0 :isNatural false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :usingClause <> :join_using_alias <> :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1}) :location -1} :alias <> :rtindex 3}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 4 :varattno 1 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 4 :varattnosyn 1 :location -1} :resno 1 :resname label :ressortgroupref 1 :resorigtbl 22561 :resorigcol 4 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2803 :aggtype 20 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes <> :aggdirectargs <> :args <> :aggorder <> :aggdistinct <> :aggfilter <> :aggstar true :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 2 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 3 :resname sv :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2145 :aggtype 25 :aggcollid 100 :inputcollid 100 :aggtranstype 0 :aggargtypes (o 25) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 4 :resname mint :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 98 :sortop 664 :reverse_sort false :nulls_first false :hashable true}) :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2114	pg_catalog	sum	a	0	i
function	2145	pg_catalog	min	a	0	i
function	2803	pg_catalog	count	a	0	i
operator	664	pg_catalog	<
operator	96	pg_catalog	=
relation	22551	public	a
relation	22561	public	b
type	16	-1	boolean
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	20	-1	bigint
type	23	-1	integer
type	25	-1	text
type	701	-1	double precision
-- result
differential
-- operator tree
Project "b"."label" AS label; pg_catalog."count"(*) AS n; pg_catalog."sum"("a"."v") AS sv; pg_catalog."min"("a"."t") AS mint  [linear]
  Aggregate GROUP BY "b"."label"; pg_catalog."count"(*); pg_catalog."sum"("a"."v"); pg_catalog."min"("a"."t")  [per group: counters at the top of the query, else the touched groups recomputed]
    Join (inner) ON ("a"."k" OPERATOR(pg_catalog.=) "b"."k")  [Δ = ΔL⋈R⁰ + L¹⋈ΔR]
      Scan "public"."a" AS a  [Δ: its change buffer]
      Scan "public"."b" AS b  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
__pgs_nn_1 bigint
-- full query
SELECT x.__pgs_c10 AS "label", pg_catalog."count"(*) AS "n", pg_catalog."sum"(x.__pgs_c3) AS "sv", pg_catalog."min"(x.__pgs_c5) AS "mint", hash_record_extended(ROW(x.__pgs_c10), 0) AS __pgs_rowid, count(*) AS __pgs_count, count(x.__pgs_c3) AS "__pgs_nn_1"
  FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)) x
 GROUP BY x.__pgs_c10
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT x.__pgs_c10 AS __pgs_k0, x.__pgs_c3 AS __pgs_a1, x.__pgs_c5 AS __pgs_a2, x.__pgs_w
  FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)) x),
__pgs_g AS (
SELECT __pgs_k0,
       hash_record_extended(ROW(__pgs_k0), 0) AS __pgs_rowid,
       sum(__pgs_w) AS __pgs_dcount,
       coalesce(sum(__pgs_w) FILTER (WHERE __pgs_a1 IS NOT NULL), 0) AS __pgs_dnn_1,
       sum(__pgs_a1 * __pgs_w) AS __pgs_dsum_1,
       coalesce(bool_or(__pgs_w < 0 AND __pgs_a1 IS NOT NULL), false) AS __pgs_del_1,
       min(__pgs_a2) FILTER (WHERE __pgs_w > 0) AS __pgs_ins_2,
       min(__pgs_a2) FILTER (WHERE __pgs_w < 0) AS __pgs_del_2
  FROM __pgs_d
 GROUP BY __pgs_k0),
__pgs_m AS (
SELECT __pgs_g.*, __pgs_s.ctid AS __pgs_tid, __pgs_s AS __pgs_old,
       (__pgs_g.__pgs_del_2 IS NOT NULL AND (__pgs_s."mint" IS NULL OR __pgs_g.__pgs_del_2 <= __pgs_s."mint")) AS __pgs_rc
  FROM __pgs_g LEFT JOIN "public"."st" __pgs_s ON __pgs_s.__pgs_rowid = __pgs_g.__pgs_rowid AND ROW(__pgs_s."label") IS NOT DISTINCT FROM ROW(__pgs_g.__pgs_k0)),
__pgs_v AS (
SELECT __pgs_m.__pgs_tid, __pgs_m.__pgs_rc, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_cnt, true AS __pgs_keep, (__pgs_m.__pgs_k0)::text AS __pgs_new_0, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_0 ELSE (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) END)::bigint AS __pgs_new_1, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_1 ELSE CASE WHEN (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END) = 0 THEN NULL ELSE coalesce((__pgs_m.__pgs_old)."sv" + __pgs_m.__pgs_dsum_1, (__pgs_m.__pgs_old)."sv", __pgs_m.__pgs_dsum_1) END END)::numeric AS __pgs_new_2, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_2 ELSE LEAST((__pgs_m.__pgs_old)."mint", __pgs_m.__pgs_ins_2) END)::text AS __pgs_new_3, __pgs_m.__pgs_rowid AS __pgs_new_4, (CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END) AS __pgs_new_5, ((CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_1 ELSE coalesce((__pgs_m.__pgs_old)."__pgs_nn_1", 0) + __pgs_m.__pgs_dnn_1 END)) AS __pgs_new_6
  FROM __pgs_m LEFT JOIN LATERAL (SELECT count(*) AS r_count, pg_catalog."count"(*) AS r_0, pg_catalog."sum"(x.__pgs_c3) AS r_1, pg_catalog."min"(x.__pgs_c5) AS r_2, count(x.__pgs_c3) AS __pgs_nn_1 FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)) x WHERE (__pgs_m.__pgs_rc) AND (((__pgs_m.__pgs_k0 IS NULL AND (x.__pgs_c10) IS NULL) OR (x.__pgs_c10) = __pgs_m.__pgs_k0))) __pgs_r ON true),
__pgs_del AS (DELETE FROM "public"."st" t USING __pgs_v v WHERE t.ctid = v.__pgs_tid AND NOT (v.__pgs_cnt > 0 AND v.__pgs_keep) RETURNING 1),
__pgs_upd AS (UPDATE "public"."st" t SET "label" = v.__pgs_new_0, "n" = v.__pgs_new_1, "sv" = v.__pgs_new_2, "mint" = v.__pgs_new_3, "__pgs_rowid" = v.__pgs_new_4, "__pgs_count" = v.__pgs_new_5, "__pgs_nn_1" = v.__pgs_new_6 FROM __pgs_v v WHERE t.ctid = v.__pgs_tid AND v.__pgs_cnt > 0 AND v.__pgs_keep RETURNING 1),
__pgs_ins AS (INSERT INTO "public"."st" ("label", "n", "sv", "mint", "__pgs_rowid", "__pgs_count", "__pgs_nn_1") SELECT v.__pgs_new_0, v.__pgs_new_1, v.__pgs_new_2, v.__pgs_new_3, v.__pgs_new_4, v.__pgs_new_5, v.__pgs_new_6 FROM __pgs_v v WHERE v.__pgs_tid IS NULL AND v.__pgs_cnt > 0 AND v.__pgs_keep AND (SELECT count(*) FROM __pgs_del) >= 0 RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
-- state tables

