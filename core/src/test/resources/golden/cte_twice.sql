-- query
WITH s AS (SELECT id, k, g FROM a WHERE flag) SELECT s1.id AS id1, s2.id AS id2 FROM s s1 JOIN s s2 ON s1.k = s2.g
-- definition
 WITH s AS (
         SELECT a.id,
            a.k,
            a.g
           FROM public.a
          WHERE a.flag
        )
 SELECT s1.id AS id1,
    s2.id AS id2
   FROM (s s1
     JOIN s s2 ON ((s1.k = s2.g)))
-- columns
id1 integer
id2 integer
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList ({COMMONTABLEEXPR :ctename s :aliascolnames <> :ctematerialized 0 :ctequery {QUERY :commandType 1 :querySource 0 :canSetTag false :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 9 10 14) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals {VAR :varno 1 :varattno 7 :vartype 16 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1}} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname k :ressortgroupref 0 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} :resno 3 :resname g :ressortgroupref 0 :resorigtbl 22551 :resorigcol 3 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :search_clause <> :cycle_clause <> :location -1 :cterecursive false :cterefcount 2 :ctecolnames ("id" "k" "g") :ctecoltypes (o 23 23 23) :ctecoltypmods (i -1 -1 -1) :ctecolcollations (o 0 0 0)}) :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname s1 :colnames <>} :eref {ALIAS :aliasname s1 :colnames ("id" "k" "g")} :rtekind 6 :ctename s :ctelevelsup 0 :self_reference false :coltypes (o 23 23 23) :coltypmods (i -1 -1 -1) :colcollations (o 0 0 0) :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias {ALIAS :aliasname s2 :colnames <>} :eref {ALIAS :aliasname s2 :colnames ("id" "k" "g")} :rtekind 6 :ctename s :ctelevelsup 0 :self_reference false :coltypes (o 23 23 23) :coltypmods (i -1 -1 -1) :colcollations (o 0 0 0) :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("id" "k" "g" "id" "k" "g")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1}) :joinleftcols (i 1 2 3) :joinrightcols (i 1 2 3) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 0 :isNatural false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :usingClause <> :join_using_alias <> :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 2 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 3 :location -1}) :location -1} :alias <> :rtindex 3}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id1 :ressortgroupref 0 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 2 :resname id2 :ressortgroupref 0 :resorigtbl 22551 :resorigcol 1 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
operator	96	pg_catalog	=
relation	22551	public	a
type	16	-1	boolean
type	23	-1	integer
-- result
differential
-- operator tree
Project "a"."id" AS id1; "a_2"."id" AS id2  [linear]
  Join (inner) ON ("a"."k" OPERATOR(pg_catalog.=) "a_2"."g")  [Δ = ΔL⋈R⁰ + L¹⋈ΔR]
    Filter "a"."flag"  [linear]
      Scan "public"."a" AS a  [Δ: its change buffer]
    Filter "a_2"."flag"  [linear]
      Scan "public"."a" AS a_2  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( WITH s AS (
         SELECT a.id,
            a.k,
            a.g
           FROM public.a
          WHERE a.flag
        )
 SELECT s1.id AS id1,
    s2.id AS id2
   FROM (s s1
     JOIN s s2 ON ((s1.k = s2.g)))) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "id1", CAST(x.__pgs_c1 AS integer) AS "id2", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c7 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, r.__pgs_c4 AS __pgs_c11, r.__pgs_c5 AS __pgs_c12, r.__pgs_c6 AS __pgs_c13, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.* FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x WHERE x.__pgs_c6) l
  JOIN (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE x.__pgs_c6) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c2)
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, r.__pgs_c2 AS __pgs_c9, r.__pgs_c3 AS __pgs_c10, r.__pgs_c4 AS __pgs_c11, r.__pgs_c5 AS __pgs_c12, r.__pgs_c6 AS __pgs_c13, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE x.__pgs_c6) l
  JOIN (SELECT x.* FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x WHERE x.__pgs_c6) r ON (l.__pgs_c1 OPERATOR(pg_catalog.=) r.__pgs_c2)) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."id1", d."id2")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."id1", s2."id2")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("id1", "id2", __pgs_rowid)
    SELECT n."id1", n."id2", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

