-- query
SELECT DISTINCT a.t, b.label FROM a JOIN b ON a.k = b.k
-- definition
 SELECT DISTINCT a.t,
    b.label
   FROM (public.a
     JOIN public.b ON ((a.k = b.k)))
-- columns
t text
label text
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 2 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("id" "k" "g" "v" "f" "t" "flag" "id" "k" "w" "label")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {VAR :varno 1 :varattno 5 :vartype 701 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 5 :location -1} {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} {VAR :varno 1 :varattno 7 :vartype 16 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1} {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1}) :joinleftcols (i 1 2 3 4 5 6 7) :joinrightcols (i 1 2 3 4) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 13) :insertedCols (b) :updatedCols (b)} {RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 0 :isNatural false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :usingClause <> :join_using_alias <> :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1}) :location -1} :alias <> :rtindex 3}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} :resno 1 :resname t :ressortgroupref 1 :resorigtbl 22551 :resorigcol 6 :resjunk false} {TARGETENTRY :expr {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1} :resno 2 :resname label :ressortgroupref 2 :resorigtbl 22561 :resorigcol 4 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 98 :sortop 664 :reverse_sort false :nulls_first false :hashable true} {SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 98 :sortop 664 :reverse_sort false :nulls_first false :hashable true}) :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
operator	664	pg_catalog	<
operator	96	pg_catalog	=
relation	22551	public	a
relation	22561	public	b
type	16	-1	boolean
type	1700	786438	numeric(12,2)
type	23	-1	integer
type	25	-1	text
type	701	-1	double precision
-- result
differential
-- operator tree
Distinct  [per row: a count at the top of the query, else the touched rows recomputed]
  Project "a"."t" AS t; "b"."label" AS label  [linear]
    Join (inner) ON ("a"."k" OPERATOR(pg_catalog.=) "b"."k")  [Δ = ΔL⋈R⁰ + L¹⋈ΔR]
      Scan "public"."a" AS a  [Δ: its change buffer]
      Scan "public"."b" AS b  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
-- full query
SELECT x."t", x."label", hash_record_extended(ROW(x."t", x."label"), 0) AS __pgs_rowid, count(*) AS __pgs_count
  FROM (SELECT CAST(x.__pgs_c0 AS text) AS "t", CAST(x.__pgs_c1 AS text) AS "label" FROM (SELECT x.__pgs_c5 AS __pgs_c0, x.__pgs_c10 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)) x) x) x GROUP BY x."t", x."label"
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS text) AS "t", CAST(x.__pgs_c1 AS text) AS "label", x.__pgs_w FROM (SELECT x.__pgs_c5 AS __pgs_c0, x.__pgs_c10 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)) x) x),
__pgs_n AS (
    SELECT "t", "label", sum(__pgs_w) AS __pgs_net FROM __pgs_d GROUP BY "t", "label"),
__pgs_m AS (
    SELECT n.*, s.ctid AS __pgs_tid, coalesce(s.__pgs_count, 0) + n.__pgs_net AS __pgs_cnt
      FROM __pgs_n n LEFT JOIN "public"."st" s ON s.__pgs_rowid = hash_record_extended(ROW(n."t", n."label"), 0) AND ROW(s."t", s."label") IS NOT DISTINCT FROM ROW(n."t", n."label")
     WHERE n.__pgs_net <> 0),
__pgs_del AS (
    DELETE FROM "public"."st" s USING __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt <= 0
    RETURNING 1),
__pgs_upd AS (
    UPDATE "public"."st" s SET __pgs_count = m.__pgs_cnt FROM __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt > 0
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("t", "label", __pgs_rowid, __pgs_count)
    SELECT m."t", m."label", hash_record_extended(ROW(m."t", m."label"), 0), m.__pgs_cnt FROM __pgs_m m
     WHERE m.__pgs_tid IS NULL AND m.__pgs_cnt > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
-- state tables

