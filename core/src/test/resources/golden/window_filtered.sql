-- query
SELECT * FROM (SELECT id, k, t, row_number() OVER (PARTITION BY k ORDER BY t, id) AS rn FROM a) s WHERE rn <= 3
-- definition
 SELECT id,
    k,
    t,
    rn
   FROM ( SELECT a.id,
            a.k,
            a.t,
            row_number() OVER (PARTITION BY a.k ORDER BY a.t, a.id) AS rn
           FROM public.a) s
  WHERE (rn <= 3)
-- columns
id integer
k integer
t text
rn bigint
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname s :colnames <>} :eref {ALIAS :aliasname s :colnames ("id" "k" "t" "rn")} :rtekind 1 :subquery {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs true :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 9 13) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 2 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname k :ressortgroupref 3 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} :resno 3 :resname t :ressortgroupref 1 :resorigtbl 22551 :resorigcol 6 :resjunk false} {TARGETENTRY :expr {WINDOWFUNC :winfnoid 3100 :wintype 20 :wincollid 0 :inputcollid 0 :args <> :aggfilter <> :runCondition <> :winref 1 :winstar false :winagg false :location -1} :resno 4 :resname rn :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause ({WINDOWCLAUSE :name <> :refname <> :partitionClause ({SORTGROUPCLAUSE :tleSortGroupRef 3 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :orderClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 98 :sortop 664 :reverse_sort false :nulls_first false :hashable true} {SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :frameOptions 1058 :startOffset <> :endOffset <> :startInRangeFunc 0 :endInRangeFunc 0 :inRangeColl 0 :inRangeAsc false :inRangeNullsFirst false :winref 1 :copiedOrder false}) :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :security_barrier false :relid 0 :inh false :relkind <> :rellockmode 0 :perminfoindex 0 :lateral false :inFromCl true :securityQuals <>}) :rteperminfos <> :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals {OPEXPR :opno 420 :opfuncid 478 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 20 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 3 0 0 0 0 0 0 0 ]}) :location -1}} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 2 :resname k :ressortgroupref 0 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 3 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} :resno 3 :resname t :ressortgroupref 0 :resorigtbl 22551 :resorigcol 6 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 20 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 4 :resname rn :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	3100	pg_catalog	row_number	w	0	i
operator	420	pg_catalog	<=
operator	664	pg_catalog	<
operator	97	pg_catalog	<
relation	22551	public	a
type	20	-1	bigint
type	23	-1	integer
type	25	-1	text
-- result
differential
-- operator tree
Project "s"."id" AS id; "s"."k" AS k; "s"."t" AS t; "s"."rn" AS rn  [linear]
  Filter ("s"."rn" OPERATOR(pg_catalog.<=) 3)  [linear]
    Derived AS s  [linear]
      Project "a"."id" AS id; "a"."k" AS k; "a"."t" AS t; "__pgs_window"."call0" AS rn  [linear]
        Window AS __pgs_window PARTITION BY "a"."k"; pg_catalog."row_number"() OVER (PARTITION BY "a"."k" ORDER BY "a"."t" ASC NULLS LAST, "a"."id" ASC NULLS LAST) AS call0  [per partition: the touched partitions recomputed]
          Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT id,
    k,
    t,
    rn
   FROM ( SELECT a.id,
            a.k,
            a.t,
            row_number() OVER (PARTITION BY a.k ORDER BY a.t, a.id) AS rn
           FROM public.a) s
  WHERE (rn <= 3)) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "id", CAST(x.__pgs_c1 AS integer) AS "k", CAST(x.__pgs_c2 AS text) AS "t", CAST(x.__pgs_c3 AS bigint) AS "rn", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_c3 AS __pgs_c3, x.__pgs_w AS __pgs_w FROM (SELECT x.* FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c5 AS __pgs_c2, x.__pgs_c7 AS __pgs_c3, x.__pgs_w AS __pgs_w FROM (SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c1 AS __pgs_k0 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x)
SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_c3 AS __pgs_c3, x.__pgs_c4 AS __pgs_c4, x.__pgs_c5 AS __pgs_c5, x.__pgs_c6 AS __pgs_c6, pg_catalog."row_number"() OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c5 ASC NULLS LAST, x.__pgs_c0 ASC NULLS LAST) AS __pgs_c7, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) x
UNION ALL
SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_c3 AS __pgs_c3, x.__pgs_c4 AS __pgs_c4, x.__pgs_c5 AS __pgs_c5, x.__pgs_c6 AS __pgs_c6, pg_catalog."row_number"() OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c5 ASC NULLS LAST, x.__pgs_c0 ASC NULLS LAST) AS __pgs_c7, -1::bigint AS __pgs_w
  FROM (SELECT n.__pgs_c0 AS __pgs_c0, n.__pgs_c1 AS __pgs_c1, n.__pgs_c2 AS __pgs_c2, n.__pgs_c3 AS __pgs_c3, n.__pgs_c4 AS __pgs_c4, n.__pgs_c5 AS __pgs_c5, n.__pgs_c6 AS __pgs_c6, 1::bigint AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_c3 AS __pgs_c3, q.__pgs_c4 AS __pgs_c4, q.__pgs_c5 AS __pgs_c5, q.__pgs_c6 AS __pgs_c6, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, y.__pgs_c3, y.__pgs_c4, y.__pgs_c5, y.__pgs_c6, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2, z.__pgs_c3, z.__pgs_c4, z.__pgs_c5, z.__pgs_c6)::text AS __pgs_t FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) z) y) q
 WHERE q.__pgs_m <> 0) n
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x) g) x) x WHERE (x.__pgs_c3 OPERATOR(pg_catalog.<=) 3)) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."id", d."k", d."t", d."rn")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."id", s2."k", s2."t", s2."rn")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("id", "k", "t", "rn", __pgs_rowid)
    SELECT n."id", n."k", n."t", n."rn", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

