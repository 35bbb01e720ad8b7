-- query
WITH RECURSIVE reach(src, dst) AS (SELECT k, w FROM b UNION SELECT r.src, b.w FROM reach r JOIN b ON b.k = r.dst) SELECT src, dst FROM reach
-- definition
 WITH RECURSIVE reach(src, dst) AS (
         SELECT b.k,
            b.w
           FROM public.b
        UNION
         SELECT r.src,
            b.w
           FROM (reach r
             JOIN public.b ON ((b.k = r.dst)))
        )
 SELECT src,
    dst
   FROM reach
-- columns
src integer
dst integer
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive true :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList ({COMMONTABLEEXPR :ctename reach :aliascolnames ("src" "dst") :ctematerialized 0 :ctequery {QUERY :commandType 1 :querySource 0 :canSetTag false :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 1 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 1 :colnames ("k" "w")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 10) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 22561 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} :resno 2 :resname w :ressortgroupref 0 :resorigtbl 22561 :resorigcol 3 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>} {RANGETBLENTRY :alias {ALIAS :aliasname *SELECT*\ 2 :colnames <>} :eref {ALIAS :aliasname *SELECT*\ 2 :colnames ("src" "w")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname r :colnames <>} :eref {ALIAS :aliasname r :colnames ("src" "dst")} :rtekind 6 :ctename reach :ctelevelsup 2 :self_reference true :coltypes (o 23 23) :coltypmods (i -1 -1) :colcollations (o 0 0) :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("src" "dst" "id" "k" "w" "label")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 4 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 4 :location -1}) :joinleftcols (i 1 2) :joinrightcols (i 1 2 3 4) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 10) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 0 :isNatural false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :usingClause <> :join_using_alias <> :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :location -1} :alias <> :rtindex 3}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname src :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1} :resno 2 :resname w :ressortgroupref 0 :resorigtbl 22561 :resorigcol 3 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl false :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist <> :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname w :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations {SETOPERATIONSTMT :op 1 :all false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :colTypes (o 23 23) :colTypmods (i -1 -1) :colCollations (o 0 0) :groupClauses ({SORTGROUPCLAUSE :tleSortGroupRef 0 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true} {SORTGROUPCLAUSE :tleSortGroupRef 0 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true})} :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :search_clause <> :cycle_clause <> :location -1 :cterecursive true :cterefcount 1 :ctecolnames ("src" "dst") :ctecoltypes (o 23 23) :ctecoltypmods (i -1 -1) :ctecolcollations (o 0 0)}) :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname reach :colnames ("src" "dst")} :rtekind 6 :ctename reach :ctelevelsup 0 :self_reference false :coltypes (o 23 23) :coltypmods (i -1 -1) :colcollations (o 0 0) :lateral false :inFromCl true :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname src :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname dst :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
operator	96	pg_catalog	=
relation	22561	public	b
type	23	-1	integer
type	25	-1	text
-- result
differential
-- operator tree
Project "reach"."src" AS src; "reach"."dst" AS dst  [linear]
  Recursive AS reach (base UNION step)  [its rows in a state table; Δ: delete and rederive (rows that lost a derivation, and what they derived, taken out, those still derivable put back), new rows by semi-naive evaluation]
    Project "b"."k" AS k; "b"."w" AS w  [linear]
      Scan "public"."b" AS b  [Δ: its change buffer]
    Project "r"."src" AS src; "b_2"."w" AS w  [linear]
      Join (inner) ON ("b_2"."k" OPERATOR(pg_catalog.=) "r"."dst")  [Δ = ΔL⋈R⁰ + L¹⋈ΔR]
        Recursive reference AS r  [the rows derived so far]
        Scan "public"."b" AS b_2  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( WITH RECURSIVE reach(src, dst) AS (
         SELECT b.k,
            b.w
           FROM public.b
        UNION
         SELECT r.src,
            b.w
           FROM (reach r
             JOIN public.b ON ((b.k = r.dst)))
        )
 SELECT src,
    dst
   FROM reach) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_r1_seed AS MATERIALIZED (
    SELECT b.__pgs_c0, b.__pgs_c1, b.__pgs_w FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x) b
    UNION ALL
    SELECT y.__pgs_c0, y.__pgs_c1, y.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c4 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM pgstream_changes."state_1_r1" x WHERE false) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM pgstream_changes."state_1_r1" x) l
  JOIN (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)) x) y),
__pgs_r1_over AS MATERIALIZED (
    WITH RECURSIVE __pgs_r1_d(__pgs_c0, __pgs_c1) AS (
        SELECT DISTINCT z.__pgs_c0, z.__pgs_c1 FROM __pgs_r1_seed z WHERE z.__pgs_w < 0 AND EXISTS (SELECT 1 FROM pgstream_changes."state_1_r1" s WHERE s.__pgs_rowid = hash_record_extended(ROW(z.__pgs_c0, z.__pgs_c1), 0) AND ROW(s.__pgs_c0, s.__pgs_c1) IS NOT DISTINCT FROM ROW(z.__pgs_c0, z.__pgs_c1))
        UNION
        SELECT y.__pgs_c0, y.__pgs_c1 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c4 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM __pgs_r1_d x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)) x) y WHERE EXISTS (SELECT 1 FROM pgstream_changes."state_1_r1" s WHERE s.__pgs_rowid = hash_record_extended(ROW(y.__pgs_c0, y.__pgs_c1), 0) AND ROW(s.__pgs_c0, s.__pgs_c1) IS NOT DISTINCT FROM ROW(y.__pgs_c0, y.__pgs_c1)))
    SELECT * FROM __pgs_r1_d),
__pgs_r1_new AS MATERIALIZED (
    WITH RECURSIVE __pgs_r1_n(__pgs_c0, __pgs_c1) AS (
        SELECT DISTINCT c.__pgs_c0, c.__pgs_c1 FROM (SELECT z.__pgs_c0, z.__pgs_c1 FROM __pgs_r1_seed z WHERE z.__pgs_w > 0 UNION ALL SELECT o.__pgs_c0, o.__pgs_c1 FROM __pgs_r1_over o) c
         WHERE NOT (EXISTS (SELECT 1 FROM pgstream_changes."state_1_r1" s WHERE s.__pgs_rowid = hash_record_extended(ROW(c.__pgs_c0, c.__pgs_c1), 0) AND ROW(s.__pgs_c0, s.__pgs_c1) IS NOT DISTINCT FROM ROW(c.__pgs_c0, c.__pgs_c1)) AND NOT EXISTS (SELECT 1 FROM __pgs_r1_over o WHERE ROW(o.__pgs_c0, o.__pgs_c1) IS NOT DISTINCT FROM ROW(c.__pgs_c0, c.__pgs_c1)))
           AND (((c.__pgs_c0 IS NOT NULL AND c.__pgs_c1 IS NOT NULL) AND EXISTS (SELECT 1 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x) y WHERE y.__pgs_c0 = c.__pgs_c0 AND y.__pgs_c1 = c.__pgs_c1)
               OR NOT (c.__pgs_c0 IS NOT NULL AND c.__pgs_c1 IS NOT NULL) AND EXISTS (SELECT 1 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x) y WHERE ROW(y.__pgs_c0, y.__pgs_c1) IS NOT DISTINCT FROM ROW(c.__pgs_c0, c.__pgs_c1)))
             OR ((c.__pgs_c0 IS NOT NULL AND c.__pgs_c1 IS NOT NULL) AND EXISTS (SELECT 1 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c4 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM (SELECT s.__pgs_c0, s.__pgs_c1 FROM pgstream_changes."state_1_r1" s WHERE NOT EXISTS (SELECT 1 FROM __pgs_r1_over o WHERE ROW(o.__pgs_c0, o.__pgs_c1) IS NOT DISTINCT FROM ROW(s.__pgs_c0, s.__pgs_c1))) x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)) x) y WHERE y.__pgs_c0 = c.__pgs_c0 AND y.__pgs_c1 = c.__pgs_c1)
               OR NOT (c.__pgs_c0 IS NOT NULL AND c.__pgs_c1 IS NOT NULL) AND EXISTS (SELECT 1 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c4 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM (SELECT s.__pgs_c0, s.__pgs_c1 FROM pgstream_changes."state_1_r1" s WHERE NOT EXISTS (SELECT 1 FROM __pgs_r1_over o WHERE ROW(o.__pgs_c0, o.__pgs_c1) IS NOT DISTINCT FROM ROW(s.__pgs_c0, s.__pgs_c1))) x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)) x) y WHERE ROW(y.__pgs_c0, y.__pgs_c1) IS NOT DISTINCT FROM ROW(c.__pgs_c0, c.__pgs_c1))))
        UNION
        SELECT y.__pgs_c0, y.__pgs_c1 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c4 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM __pgs_r1_n x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)) x) y WHERE NOT (EXISTS (SELECT 1 FROM pgstream_changes."state_1_r1" s WHERE s.__pgs_rowid = hash_record_extended(ROW(y.__pgs_c0, y.__pgs_c1), 0) AND ROW(s.__pgs_c0, s.__pgs_c1) IS NOT DISTINCT FROM ROW(y.__pgs_c0, y.__pgs_c1)) AND NOT EXISTS (SELECT 1 FROM __pgs_r1_over o WHERE ROW(o.__pgs_c0, o.__pgs_c1) IS NOT DISTINCT FROM ROW(y.__pgs_c0, y.__pgs_c1))))
    SELECT * FROM __pgs_r1_n),
__pgs_r1_delta AS MATERIALIZED (
    SELECT f.__pgs_c0 AS __pgs_c0, f.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM __pgs_r1_new f WHERE NOT EXISTS (SELECT 1 FROM __pgs_r1_over o WHERE ROW(o.__pgs_c0, o.__pgs_c1) IS NOT DISTINCT FROM ROW(f.__pgs_c0, f.__pgs_c1))
    UNION ALL
    SELECT o.__pgs_c0 AS __pgs_c0, o.__pgs_c1 AS __pgs_c1, -1::bigint AS __pgs_w FROM __pgs_r1_over o WHERE NOT EXISTS (SELECT 1 FROM __pgs_r1_new f WHERE ROW(f.__pgs_c0, f.__pgs_c1) IS NOT DISTINCT FROM ROW(o.__pgs_c0, o.__pgs_c1))),
__pgs_r1_deleted AS (
    DELETE FROM pgstream_changes."state_1_r1" s USING __pgs_r1_delta x WHERE x.__pgs_w < 0 AND s.__pgs_rowid = hash_record_extended(ROW(x.__pgs_c0, x.__pgs_c1), 0) AND ROW(s.__pgs_c0, s.__pgs_c1) IS NOT DISTINCT FROM ROW(x.__pgs_c0, x.__pgs_c1)
    RETURNING 1),
__pgs_r1_inserted AS (
    INSERT INTO pgstream_changes."state_1_r1" (__pgs_c0, __pgs_c1, __pgs_rowid)
    SELECT x.__pgs_c0, x.__pgs_c1, hash_record_extended(ROW(x.__pgs_c0, x.__pgs_c1), 0) FROM __pgs_r1_delta x WHERE x.__pgs_w > 0
    RETURNING 1),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "src", CAST(x.__pgs_c1 AS integer) AS "dst", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT d.* FROM __pgs_r1_delta d) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."src", d."dst")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."src", s2."dst")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("src", "dst", __pgs_rowid)
    SELECT n."src", n."dst", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables
pgstream_changes."state_1_r1"
CREATE TABLE pgstream_changes."state_1_r1" AS SELECT a.__pgs_c0, a.__pgs_c1, hash_record_extended(ROW(a.__pgs_c0, a.__pgs_c1), 0) AS __pgs_rowid FROM (SELECT a.__pgs_c0 AS __pgs_c0, a.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM (WITH RECURSIVE __pgs_r1_all(__pgs_c0, __pgs_c1) AS (
    SELECT b.__pgs_c0, b.__pgs_c1 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x) b
    UNION
    SELECT y.__pgs_c0, y.__pgs_c1 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c4 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM __pgs_r1_all x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)) x) y)
SELECT * FROM __pgs_r1_all) a) a WITH NO DATA;
CREATE INDEX ON pgstream_changes."state_1_r1" (__pgs_rowid);
DO $pgs$ BEGIN CREATE INDEX ON pgstream_changes."state_1_r1" (__pgs_c0); EXCEPTION WHEN undefined_object THEN NULL; END $pgs$;
DO $pgs$ BEGIN CREATE INDEX ON pgstream_changes."state_1_r1" (__pgs_c1); EXCEPTION WHEN undefined_object THEN NULL; END $pgs$;
fill: SELECT a.__pgs_c0, a.__pgs_c1, hash_record_extended(ROW(a.__pgs_c0, a.__pgs_c1), 0) AS __pgs_rowid FROM (SELECT a.__pgs_c0 AS __pgs_c0, a.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM (WITH RECURSIVE __pgs_r1_all(__pgs_c0, __pgs_c1) AS (
    SELECT b.__pgs_c0, b.__pgs_c1 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c2 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x) b
    UNION
    SELECT y.__pgs_c0, y.__pgs_c1 FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c4 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, r.__pgs_c1 AS __pgs_c3, r.__pgs_c2 AS __pgs_c4, r.__pgs_c3 AS __pgs_c5, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, 1::bigint AS __pgs_w FROM __pgs_r1_all x) l
  JOIN (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) r ON (r.__pgs_c1 OPERATOR(pg_catalog.=) l.__pgs_c1)) x) y)
SELECT * FROM __pgs_r1_all) a) a
