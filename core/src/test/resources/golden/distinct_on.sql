-- query
SELECT DISTINCT ON (k) k, id, v FROM a ORDER BY k, v DESC, id
-- definition
 SELECT DISTINCT ON (k) k,
    id,
    v
   FROM public.a
  ORDER BY k, v DESC, id
-- columns
k integer
id integer
v numeric(12,2)
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn true :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 9 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 1 :resname k :ressortgroupref 1 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 2 :resname id :ressortgroupref 3 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 3 :resname v :ressortgroupref 2 :resorigtbl 22551 :resorigcol 4 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :sortClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true} {SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 1752 :sortop 1756 :reverse_sort true :nulls_first true :hashable true} {SORTGROUPCLAUSE :tleSortGroupRef 3 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	3100	pg_catalog	row_number	w	0	i
operator	1756	pg_catalog	>
operator	413	pg_catalog	>
operator	414	pg_catalog	<=
operator	97	pg_catalog	<
relation	22551	public	a
type	1700	786438	numeric(12,2)
type	20	-1	bigint
type	23	-1	integer
-- result
differential
-- operator tree
Project "__pgs_ranked"."column1" AS k; "__pgs_ranked"."column2" AS id; "__pgs_ranked"."column3" AS v  [linear]
  Filter ("__pgs_window"."row_number" OPERATOR(pg_catalog.<=) '1'::bigint)  [linear]
    Window AS __pgs_window PARTITION BY "__pgs_ranked"."column1"; pg_catalog."row_number"() OVER (PARTITION BY "__pgs_ranked"."column1" ORDER BY "__pgs_ranked"."column3" DESC NULLS FIRST, "__pgs_ranked"."column2" ASC NULLS LAST) AS row_number  [per partition: the touched partitions recomputed]
      Derived AS __pgs_ranked  [linear]
        Project "a"."k" AS column1; "a"."id" AS column2; "a"."v" AS column3  [linear]
          Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT DISTINCT ON (k) k,
    id,
    v
   FROM public.a
  ORDER BY k, v DESC, id) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "k", CAST(x.__pgs_c1 AS integer) AS "id", CAST(x.__pgs_c2 AS numeric(12,2)) AS "v", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT x.* FROM (SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c0 AS __pgs_k0 FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c0 AS __pgs_c1, x.__pgs_c3 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x) x)
SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, pg_catalog."row_number"() OVER (PARTITION BY x.__pgs_c0 ORDER BY x.__pgs_c2 DESC NULLS FIRST, x.__pgs_c1 ASC NULLS LAST) AS __pgs_c3, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c0 AS __pgs_c1, x.__pgs_c3 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x) x WHERE (x.__pgs_c0) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c0 AS __pgs_c1, x.__pgs_c3 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c0 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c0)) x
UNION ALL
SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, pg_catalog."row_number"() OVER (PARTITION BY x.__pgs_c0 ORDER BY x.__pgs_c2 DESC NULLS FIRST, x.__pgs_c1 ASC NULLS LAST) AS __pgs_c3, -1::bigint AS __pgs_w
  FROM (SELECT n.__pgs_c0 AS __pgs_c0, n.__pgs_c1 AS __pgs_c1, n.__pgs_c2 AS __pgs_c2, 1::bigint AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2)::text AS __pgs_t FROM (SELECT x.* FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c0 AS __pgs_c1, x.__pgs_c3 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x) x WHERE (x.__pgs_c0) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT x.__pgs_c1 AS __pgs_c0, x.__pgs_c0 AS __pgs_c1, x.__pgs_c3 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c0 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c0)) z) y) q
 WHERE q.__pgs_m <> 0) n
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x) g) x WHERE (x.__pgs_c3 OPERATOR(pg_catalog.<=) '1'::bigint)) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."k", d."id", d."v")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."k", s2."id", s2."v")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", "id", "v", __pgs_rowid)
    SELECT n."k", n."id", n."v", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

