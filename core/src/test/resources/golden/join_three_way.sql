-- query
SELECT a.id AS a_id, b.label, c.x FROM a JOIN b ON a.k = b.k JOIN c ON c.g = a.g WHERE b.w > 1
-- definition
 SELECT a.id AS a_id,
    b.label,
    c.x
   FROM ((public.a
     JOIN public.b ON ((a.k = b.k)))
     JOIN public.c ON ((c.g = a.g)))
  WHERE (b.w > 1)
-- columns
a_id integer
label text
x numeric
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 2 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("id" "k" "g" "v" "f" "t" "flag" "id" "k" "w" "label")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {VAR :varno 1 :varattno 5 :vartype 701 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 5 :location -1} {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} {VAR :varno 1 :varattno 7 :vartype 16 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1} {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1}) :joinleftcols (i 1 2 3 4 5 6 7) :joinrightcols (i 1 2 3 4) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname c :colnames ("id" "k" "g" "x")} :rtekind 0 :relid 22571 :inh true :relkind r :rellockmode 1 :perminfoindex 3 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("id" "k" "g" "v" "f" "t" "flag" "id" "k" "w" "label" "id" "k" "g" "x")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {VAR :varno 1 :varattno 5 :vartype 701 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 5 :location -1} {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} {VAR :varno 1 :varattno 7 :vartype 16 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1} {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1} {VAR :varno 4 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 4 :varattnosyn 1 :location -1} {VAR :varno 4 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 4 :varattnosyn 2 :location -1} {VAR :varno 4 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 4 :varattnosyn 3 :location -1} {VAR :varno 4 :varattno 4 :vartype 1700 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 4 :varattnosyn 4 :location -1}) :joinleftcols (i 1 2 3 4 5 6 7 8 9 10 11) :joinrightcols (i 1 2 3 4) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 9 10) :insertedCols (b) :updatedCols (b)} {RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 10 11) :insertedCols (b) :updatedCols (b)} {RTEPERMISSIONINFO :relid 22571 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 10 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 0 :isNatural false :larg {JOINEXPR :jointype 0 :isNatural false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :usingClause <> :join_using_alias <> :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1}) :location -1} :alias <> :rtindex 3} :rarg {RANGETBLREF :rtindex 4} :usingClause <> :join_using_alias <> :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 4 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 4 :varattnosyn 3 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1}) :location -1} :alias <> :rtindex 5}) :quals {OPEXPR :opno 521 :opfuncid 147 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}) :location -1}} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname a_id :ressortgroupref 0 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1} :resno 2 :resname label :ressortgroupref 0 :resorigtbl 22561 :resorigcol 4 :resjunk false} {TARGETENTRY :expr {VAR :varno 4 :varattno 4 :vartype 1700 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 4 :varattnosyn 4 :location -1} :resno 3 :resname x :ressortgroupref 0 :resorigtbl 22571 :resorigcol 4 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
operator	521	pg_catalog	>
operator	96	pg_catalog	=
relation	22551	public	a
relation	22561	public	b
relation	22571	public	c
type	16	-1	boolean
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	23	-1	integer
type	25	-1	text
type	701	-1	double precision
-- result
differential
-- operator tree
Project "a"."id" AS a_id; "b"."label" AS label; "c"."x" AS x  [linear]
  Join (inner) ON (("c"."g" OPERATOR(pg_catalog.=) "a"."g") AND ("b"."w" OPERATOR(pg_catalog.>) 1))  [Δ = ΔL⋈R⁰ + L¹⋈ΔR]
    Join (inner) ON ("a"."k" OPERATOR(pg_catalog.=) "b"."k")  [Δ = ΔL⋈R⁰ + L¹⋈ΔR]
      Scan "public"."a" AS a  [Δ: its change buffer]
      Scan "public"."b" AS b  [Δ: its change buffer]
    Scan "public"."c" AS c  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT a.id AS a_id,
    b.label,
    c.x
   FROM ((public.a
     JOIN public.b ON ((a.k = b.k)))
     JOIN public.c ON ((c.g = a.g)))
  WHERE (b.w > 1)) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "a_id", CAST(x.__pgs_c1 AS text) AS "label", CAST(x.__pgs_c2 AS numeric) AS "x", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c10 AS __pgs_c1, x.__pgs_c14 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, l.__pgs_c7 AS __pgs_c7, l.__pgs_c8 AS __pgs_c8, l.__pgs_c9 AS __pgs_c9, l.__pgs_c10 AS __pgs_c10, r.__pgs_c0 AS __pgs_c11, r.__pgs_c1 AS __pgs_c12, r.__pgs_c2 AS __pgs_c13, r.__pgs_c3 AS __pgs_c14, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."x" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_c"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) r ON ((r.__pgs_c2 OPERATOR(pg_catalog.=) l.__pgs_c2) AND (l.__pgs_c9 OPERATOR(pg_catalog.>) 1))
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, l.__pgs_c7 AS __pgs_c7, l.__pgs_c8 AS __pgs_c8, l.__pgs_c9 AS __pgs_c9, l.__pgs_c10 AS __pgs_c10, r.__pgs_c0 AS __pgs_c11, r.__pgs_c1 AS __pgs_c12, r.__pgs_c2 AS __pgs_c13, r.__pgs_c3 AS __pgs_c14, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c1)) l
  JOIN (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."x" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_c"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') r ON ((r.__pgs_c2 OPERATOR(pg_catalog.=) l.__pgs_c2) AND (l.__pgs_c9 OPERATOR(pg_catalog.>) 1))) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."a_id", d."label", d."x")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."a_id", s2."label", s2."x")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("a_id", "label", "x", __pgs_rowid)
    SELECT n."a_id", n."label", n."x", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

