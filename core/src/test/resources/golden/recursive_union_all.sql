-- query
WITH RECURSIVE walk(src, dst, depth) AS (SELECT k, w, 1 FROM b UNION ALL SELECT r.src, b.w, r.depth + 1 FROM walk r JOIN b ON b.k = r.dst WHERE r.depth < 3) SELECT src, dst, depth FROM walk
-- definition
 WITH RECURSIVE walk(src, dst, depth) AS (
         SELECT b.k,
            b.w,
            1 AS "?column?"
           FROM public.b
        UNION ALL
         SELECT r.src,
            b.w,
            (r.depth + 1)
           FROM (walk r
             JOIN public.b ON ((b.k = r.dst)))
          WHERE (r.depth < 3)
        )
 SELECT src,
    dst,
    depth
   FROM walk
-- columns
src integer
dst integer
depth integer
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive true :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList ({COMMONTABLEEXPR :ctename walk :aliascolnames ("src" "dst" "depth") :ctematerialized 0 :ctequery {QUERY :commandType 1 :querySource 0 :canSetTag false :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 1 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 1 :colnames ("k" "w" "?column?")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 10) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 22561 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} :resno 2 :resname w :ressortgroupref 0 :resorigtbl 22561 :resorigcol 3 :resjunk false} {TARGETENTRY :expr {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]} :resno 3 :resname ?column? :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>} {RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 2 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 2 :colnames ("src" "w" "?column?")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname r :colnames <>} :eref {ALIAS :aliasname r :colnames ("src" "dst" "depth")} :rtekind 6 :ctename walk :ctelevelsup 2 :self_reference true :coltypes (o 23 23 23) :coltypmods (i -1 -1 -1) :colcollations (o 0 0 0) :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("src" "dst" "depth" "id" "k" "w" "label")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1}) :joinleftcols (i 1 2 3) :joinrightcols (i 1 2 3 4) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 10) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 0 :isNatural false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :usingClause <> :join_using_alias <> :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :location -1} :alias <> :rtindex 3}) :quals {OPEXPR :opno 97 :opfuncid 66 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 3 0 0 0 0 0 0 0 ]}) :location -1}} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname src :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} :resno 2 :resname w :ressortgroupref 0 :resorigtbl 22561 :resorigcol 3 :resjunk false} {TARGETENTRY :expr {OPEXPR :opno 551 :opfuncid 177 :opresulttype 23 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}) :location -1} :resno 3 :resname ?column? :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist <> :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname w :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} :resno 3 :resname ?column? :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations {SETOPERATIONSTMT :op 1 :all true :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :colTypes (o 23 23 23) :colTypmods (i -1 -1 -1) :colCollations (o 0 0 0) :groupClauses <>} :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :search_clause <> :cycle_clause <> :location -1 :cterecursive true :cterefcount 1 :ctecolnames ("src" "dst" "depth") :ctecoltypes (o 23 23 23) :ctecoltypmods (i -1 -1 -1) :ctecolcollations (o 0 0 0)}) :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname walk :colnames ("src" "dst" "depth")} :rtekind 6 :ctename walk :ctelevelsup 0 :self_reference false :coltypes (o 23 23 23) :coltypmods (i -1 -1 -1) :colcollations (o 0 0 0) :lateral false :inFromCl true :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname src :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname dst :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} :resno 3 :resname depth :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
operator	551	pg_catalog	+
operator	96	pg_catalog	=
operator	97	pg_catalog	<
relation	22561	public	b
type	23	-1	integer
type	25	-1	text
-- result
differential
-- operator tree
Project "walk"."src" AS src; "walk"."dst" AS dst; "walk"."depth" AS depth  [linear]
  Recursive AS walk (base UNION ALL step)  [its rows in a state table; Δ: derivations counted, Δ = ΔB + ΔS(R⁰) + S¹(Δ) evaluated to its fixpoint]
    Project "b"."k" AS k; "b"."w" AS w; 1 AS ?column?  [linear]
      Scan "public"."b" AS b  [Δ: its change buffer]
    Project "r"."src" AS src; "b_2"."w" AS w; ("r"."depth" OPERATOR(pg_catalog.+) 1) AS ?column?  [linear]
      Join (inner) ON (("b_2"."k" OPERATOR(pg_catalog.=) "r"."dst") AND ("r"."depth" OPERATOR(pg_catalog.<) 3))  [Δ = ΔL⋈R⁰ + L¹⋈ΔR]
        Recursive reference AS r  [the rows derived so far]
        Scan "public"."b" AS b_2  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( WITH RECURSIVE walk(src, dst, depth) AS (
         SELECT b.k,
            b.w,
            1 AS "?column?"
           FROM public.b
        UNION ALL
         SELECT r.src,
            b.w,
            (r.depth + 1)
           FROM (walk r
             JOIN public.b ON ((b.k = r.dst)))
          WHERE (r.depth < 3)
        )
 SELECT src,
    dst,
    depth
   FROM walk) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_r1_seed AS MATERIALIZED (
    SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2)::text AS __pgs_t FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, 1 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x
UNION ALL
SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c5 AS __pgs_c1, (x.__pgs_c2 OPERATOR(pg_catalog.+) 1) AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_c3 AS __pgs_c3, q.__pgs_c4 AS __pgs_c4, q.__pgs_c5 AS __pgs_c5, q.__pgs_c6 AS __pgs_c6, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, y.__pgs_c3, y.__pgs_c4, y.__pgs_c5, y.__pgs_c6, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2, z.__pgs_c3, z.__pgs_c4, z.__pgs_c5, z.__pgs_c6)::text AS __pgs_t FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, r.__pgs_c0 AS __pgs_c3, r.__pgs_c1 AS __pgs_c4, r.__pgs_c2 AS __pgs_c5, r.__pgs_c3 AS __pgs_c6, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, 1::bigint AS __pgs_w FROM pgstream_changes."state_1_r1" x WHERE false) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) r ON ((r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1) AND (l.__pgs_c2 OPERATOR(pg_catalog.<) 3))
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, r.__pgs_c0 AS __pgs_c3, r.__pgs_c1 AS __pgs_c4, r.__pgs_c2 AS __pgs_c5, r.__pgs_c3 AS __pgs_c6, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, 1::bigint AS __pgs_w FROM pgstream_changes."state_1_r1" x) l
  JOIN (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') r ON ((r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1) AND (l.__pgs_c2 OPERATOR(pg_catalog.<) 3))) z) y) q
 WHERE q.__pgs_m <> 0) x) z) y) q
 WHERE q.__pgs_m <> 0),
__pgs_r1_delta AS MATERIALIZED (
    WITH RECURSIVE __pgs_r1_x(__pgs_c0, __pgs_c1, __pgs_c2, __pgs_w) AS (
        SELECT z.* FROM __pgs_r1_seed z
        UNION ALL
        SELECT y.* FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c5 AS __pgs_c1, (x.__pgs_c2 OPERATOR(pg_catalog.+) 1) AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, r.__pgs_c0 AS __pgs_c3, r.__pgs_c1 AS __pgs_c4, r.__pgs_c2 AS __pgs_c5, r.__pgs_c3 AS __pgs_c6, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM __pgs_r1_x x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON ((r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1) AND (l.__pgs_c2 OPERATOR(pg_catalog.<) 3))) x) y)
    SELECT * FROM __pgs_r1_x),
__pgs_r1_netted AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d.__pgs_c0, d.__pgs_c1, d.__pgs_c2)::text AS __pgs_t FROM __pgs_r1_delta d) x),
__pgs_r1_deleted AS (
    DELETE FROM pgstream_changes."state_1_r1" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_r1_netted n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM pgstream_changes."state_1_r1" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2.__pgs_c0, s2.__pgs_c1, s2.__pgs_c2)::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_r1_inserted AS (
    INSERT INTO pgstream_changes."state_1_r1" (__pgs_c0, __pgs_c1, __pgs_c2, __pgs_rowid)
    SELECT n.__pgs_c0, n.__pgs_c1, n.__pgs_c2, hashtextextended(n.__pgs_t, 0)
      FROM __pgs_r1_netted n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_r1_deleted) >= 0
    RETURNING 1),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "src", CAST(x.__pgs_c1 AS integer) AS "dst", CAST(x.__pgs_c2 AS integer) AS "depth", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT d.* FROM __pgs_r1_delta d) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."src", d."dst", d."depth")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."src", s2."dst", s2."depth")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("src", "dst", "depth", __pgs_rowid)
    SELECT n."src", n."dst", n."depth", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables
pgstream_changes."state_1_r1"
CREATE TABLE pgstream_changes."state_1_r1" AS SELECT a.__pgs_c0, a.__pgs_c1, a.__pgs_c2, hashtextextended(ROW(a.__pgs_c0, a.__pgs_c1, a.__pgs_c2)::text, 0) AS __pgs_rowid FROM (SELECT a.__pgs_c0 AS __pgs_c0, a.__pgs_c1 AS __pgs_c1, a.__pgs_c2 AS __pgs_c2, 1::bigint AS __pgs_w FROM (WITH RECURSIVE __pgs_r1_all(__pgs_c0, __pgs_c1, __pgs_c2) AS (
    SELECT b.__pgs_c0, b.__pgs_c1, b.__pgs_c2 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, 1 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x) b
    UNION ALL
    SELECT y.__pgs_c0, y.__pgs_c1, y.__pgs_c2 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c5 AS __pgs_c1, (x.__pgs_c2 OPERATOR(pg_catalog.+) 1) AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, r.__pgs_c0 AS __pgs_c3, r.__pgs_c1 AS __pgs_c4, r.__pgs_c2 AS __pgs_c5, r.__pgs_c3 AS __pgs_c6, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, 1::bigint AS __pgs_w FROM __pgs_r1_all x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON ((r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1) AND (l.__pgs_c2 OPERATOR(pg_catalog.<) 3))) x) y)
SELECT * FROM __pgs_r1_all) a) a WITH NO DATA;
CREATE INDEX ON pgstream_changes."state_1_r1" (__pgs_rowid);
DO $pgs$ BEGIN CREATE INDEX ON pgstream_changes."state_1_r1" (__pgs_c0); EXCEPTION WHEN undefined_object THEN NULL; END $pgs$;
DO $pgs$ BEGIN CREATE INDEX ON pgstream_changes."state_1_r1" (__pgs_c1); EXCEPTION WHEN undefined_object THEN NULL; END $pgs$;
DO $pgs$ BEGIN CREATE INDEX ON pgstream_changes."state_1_r1" (__pgs_c2); EXCEPTION WHEN undefined_object THEN NULL; END $pgs$;
fill: SELECT a.__pgs_c0, a.__pgs_c1, a.__pgs_c2, hashtextextended(ROW(a.__pgs_c0, a.__pgs_c1, a.__pgs_c2)::text, 0) AS __pgs_rowid FROM (SELECT a.__pgs_c0 AS __pgs_c0, a.__pgs_c1 AS __pgs_c1, a.__pgs_c2 AS __pgs_c2, 1::bigint AS __pgs_w FROM (WITH RECURSIVE __pgs_r1_all(__pgs_c0, __pgs_c1, __pgs_c2) AS (
    SELECT b.__pgs_c0, b.__pgs_c1, b.__pgs_c2 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, 1 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x) b
    UNION ALL
    SELECT y.__pgs_c0, y.__pgs_c1, y.__pgs_c2 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c5 AS __pgs_c1, (x.__pgs_c2 OPERATOR(pg_catalog.+) 1) AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, r.__pgs_c0 AS __pgs_c3, r.__pgs_c1 AS __pgs_c4, r.__pgs_c2 AS __pgs_c5, r.__pgs_c3 AS __pgs_c6, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, 1::bigint AS __pgs_w FROM __pgs_r1_all x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON ((r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1) AND (l.__pgs_c2 OPERATOR(pg_catalog.<) 3))) x) y)
SELECT * FROM __pgs_r1_all) a) a
