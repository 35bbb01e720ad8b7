-- query
SELECT k, count(*) AS n, sum(v) AS s FROM a GROUP BY k ORDER BY sum(v) DESC NULLS FIRST, k NULLS FIRST LIMIT 2
-- definition
 SELECT k,
    count(*) AS n,
    sum(v) AS s
   FROM public.a
  GROUP BY k
  ORDER BY (sum(v)) DESC, k NULLS FIRST
 LIMIT 2
-- columns
k integer
n bigint
s numeric
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("k")} :rtekind 9 :groupexprs ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 2 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2803 :aggtype 20 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes <> :aggdirectargs <> :args <> :aggorder <> :aggdistinct <> :aggfilter <> :aggstar true :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 2 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 3 :resname s :ressortgroupref 1 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 96 :sortop 97 :reverse_sort false :nulls_first true :hashable true}) :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 1752 :sortop 1756 :reverse_sort true :nulls_first true :hashable true} {SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 96 :sortop 97 :reverse_sort false :nulls_first true :hashable true}) :limitOffset <> :limitCount {FUNCEXPR :funcid 481 :funcresulttype 20 :funcretset false :funcvariadic false :funcformat 2 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 2 0 0 0 0 0 0 0 ]}) :location -1} :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2114	pg_catalog	sum	a	0	i
function	2803	pg_catalog	count	a	0	i
function	3100	pg_catalog	row_number	w	0	i
operator	1756	pg_catalog	>
operator	413	pg_catalog	>
operator	414	pg_catalog	<=
operator	97	pg_catalog	<
relation	22551	public	a
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	20	-1	bigint
type	23	-1	integer
-- result
differential
-- operator tree
TopK ORDER BY s DESC NULLS FIRST, k NULLS FIRST LIMIT 2 OFFSET 0  [the input kept in a state table indexed by the order; Δ: its first offset + limit rows (and as many more as rows were deleted) re-read with the inserted rows, the new top compared with the stored rows]
  Project "a"."k" AS k; pg_catalog."count"(*) AS n; pg_catalog."sum"("a"."v") AS s  [linear]
    Aggregate GROUP BY "a"."k"; pg_catalog."count"(*); pg_catalog."sum"("a"."v")  [per group: counters at the top of the query, else the touched groups recomputed]
      Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT k,
    count(*) AS n,
    sum(v) AS s
   FROM public.a
  GROUP BY k
  ORDER BY (sum(v)) DESC, k NULLS FIRST
 LIMIT 2) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c1 AS __pgs_k0 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x)
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c2, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c2, -1::bigint AS __pgs_w
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
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x
 GROUP BY x.__pgs_c1) g),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d.__pgs_c0, d.__pgs_c1, d.__pgs_c2)::text AS __pgs_t FROM __pgs_d d) x),
__pgs_state_del AS (
    DELETE FROM pgstream_changes."state_1_top" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM pgstream_changes."state_1_top" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2.__pgs_c0, s2.__pgs_c1, s2.__pgs_c2)::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_state_ins AS (
    INSERT INTO pgstream_changes."state_1_top" (__pgs_c0, __pgs_c1, __pgs_c2, __pgs_rowid)
    SELECT n.__pgs_c0, n.__pgs_c1, n.__pgs_c2, hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_state_del) >= 0
    RETURNING 1),
__pgs_top AS (
    SELECT u.__pgs_c0, u.__pgs_c1, u.__pgs_c2 FROM (
        SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d.__pgs_c0, d.__pgs_c1, d.__pgs_c2)::text AS __pgs_t FROM (
            SELECT p.__pgs_c0, p.__pgs_c1, p.__pgs_c2, 1::bigint AS __pgs_w FROM (SELECT s.__pgs_c0, s.__pgs_c1, s.__pgs_c2 FROM pgstream_changes."state_1_top" s ORDER BY s.__pgs_c2 DESC NULLS FIRST, s.__pgs_c0 ASC NULLS FIRST LIMIT 2 + (SELECT coalesce(sum(-c.__pgs_net), 0) FROM __pgs_n c WHERE c.__pgs_net < 0)) p
            UNION ALL
            SELECT c.__pgs_c0, c.__pgs_c1, c.__pgs_c2, c.__pgs_net FROM __pgs_n c) d) x) u
      CROSS JOIN generate_series(1, u.__pgs_net)
     WHERE u.__pgs_net > 0 AND EXISTS (SELECT 1 FROM __pgs_n c WHERE c.__pgs_net <> 0)
     ORDER BY u.__pgs_c2 DESC NULLS FIRST, u.__pgs_c0 ASC NULLS FIRST LIMIT 2 OFFSET 0),
__pgs_e AS (
    SELECT CAST(t.__pgs_c0 AS integer) AS "k", CAST(t.__pgs_c1 AS bigint) AS "n", CAST(t.__pgs_c2 AS numeric) AS "s", 1::bigint AS __pgs_w FROM __pgs_top t
    UNION ALL
    SELECT s."k", s."n", s."s", -1::bigint FROM "public"."st" s WHERE EXISTS (SELECT 1 FROM __pgs_n c WHERE c.__pgs_net <> 0)),
__pgs_m AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."k", d."n", d."s")::text AS __pgs_t FROM __pgs_e d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_m n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."k", s2."n", s2."s")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", "n", "s", __pgs_rowid)
    SELECT n."k", n."n", n."s", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_m n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables
pgstream_changes."state_1_top"
CREATE TABLE pgstream_changes."state_1_top" AS SELECT x.__pgs_c0, x.__pgs_c1, x.__pgs_c2, hashtextextended(ROW(x.__pgs_c0, x.__pgs_c1, x.__pgs_c2)::text, 0) AS __pgs_rowid FROM (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c2, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
 GROUP BY x.__pgs_c1) x WITH NO DATA;
CREATE INDEX ON pgstream_changes."state_1_top" (__pgs_rowid);
CREATE INDEX ON pgstream_changes."state_1_top" (__pgs_c2 DESC NULLS FIRST, __pgs_c0 ASC NULLS FIRST);
fill: SELECT x.__pgs_c0, x.__pgs_c1, x.__pgs_c2, hashtextextended(ROW(x.__pgs_c0, x.__pgs_c1, x.__pgs_c2)::text, 0) AS __pgs_rowid FROM (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c2, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
 GROUP BY x.__pgs_c1) x
