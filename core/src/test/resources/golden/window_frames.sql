-- query
SELECT id, sum(v) OVER (PARTITION BY k ORDER BY v RANGE BETWEEN 1.5 PRECEDING AND 2 FOLLOWING) AS near, count(*) OVER (PARTITION BY k ORDER BY v GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) AS peers, first_value(t) OVER (PARTITION BY k ORDER BY id ROWS 2 PRECEDING EXCLUDE CURRENT ROW) AS before, last_value(t) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS last FROM a
-- definition
 SELECT id,
    sum(v) OVER (PARTITION BY k ORDER BY v RANGE BETWEEN 1.5 PRECEDING AND 2 FOLLOWING) AS near,
    count(*) OVER (PARTITION BY k ORDER BY v GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) AS peers,
    first_value(t) OVER (PARTITION BY k ORDER BY id ROWS 2 PRECEDING EXCLUDE CURRENT ROW) AS before,
    last_value(t) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS last
   FROM public.a
-- columns
id integer
near numeric
peers bigint
before text
last text
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs true :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 9 11 13) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 3 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {WINDOWFUNC :winfnoid 2114 :wintype 1700 :wincollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1}) :aggfilter <> :runCondition <> :winref 1 :winstar false :winagg true :location -1} :resno 2 :resname near :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {WINDOWFUNC :winfnoid 2803 :wintype 20 :wincollid 0 :inputcollid 0 :args <> :aggfilter <> :runCondition <> :winref 2 :winstar true :winagg true :location -1} :resno 3 :resname peers :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {WINDOWFUNC :winfnoid 3112 :wintype 25 :wincollid 100 :inputcollid 100 :args ({VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1}) :aggfilter <> :runCondition <> :winref 3 :winstar false :winagg false :location -1} :resno 4 :resname before :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {WINDOWFUNC :winfnoid 3113 :wintype 25 :wincollid 100 :inputcollid 100 :args ({VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1}) :aggfilter <> :runCondition <> :winref 4 :winstar false :winagg false :location -1} :resno 5 :resname last :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 6 :resname <> :ressortgroupref 1 :resorigtbl 0 :resorigcol 0 :resjunk true} {TARGETENTRY :expr {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :resno 7 :resname <> :ressortgroupref 2 :resorigtbl 0 :resorigcol 0 :resjunk true}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause ({WINDOWCLAUSE :name <> :refname <> :partitionClause ({SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :orderClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 1752 :sortop 1754 :reverse_sort false :nulls_first false :hashable true}) :frameOptions 18451 :startOffset {CONST :consttype 1700 :consttypmod -1 :constcollid 0 :constlen -1 :constbyval false :constisnull false :location -1 :constvalue 10 [ 40 0 0 0 -128 -128 1 0 -120 19 ]} :endOffset {FUNCEXPR :funcid 1740 :funcresulttype 1700 :funcretset false :funcvariadic false :funcformat 2 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 2 0 0 0 0 0 0 0 ]}) :location -1} :startInRangeFunc 4141 :endInRangeFunc 4141 :inRangeColl 0 :inRangeAsc true :inRangeNullsFirst false :winref 1 :copiedOrder false} {WINDOWCLAUSE :name <> :refname <> :partitionClause ({SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :orderClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 1752 :sortop 1754 :reverse_sort false :nulls_first false :hashable true}) :frameOptions 134169 :startOffset {FUNCEXPR :funcid 481 :funcresulttype 20 :funcretset false :funcvariadic false :funcformat 2 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}) :location -1} :endOffset <> :startInRangeFunc 0 :endInRangeFunc 0 :inRangeColl 0 :inRangeAsc false :inRangeNullsFirst false :winref 2 :copiedOrder false} {WINDOWCLAUSE :name <> :refname <> :partitionClause ({SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :orderClause ({SORTGROUPCLAUSE :tleSortGroupRef 3 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :frameOptions 35845 :startOffset {FUNCEXPR :funcid 481 :funcresulttype 20 :funcretset false :funcvariadic false :funcformat 2 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 2 0 0 0 0 0 0 0 ]}) :location -1} :endOffset <> :startInRangeFunc 0 :endInRangeFunc 0 :inRangeColl 0 :inRangeAsc false :inRangeNullsFirst false :winref 3 :copiedOrder false} {WINDOWCLAUSE :name <> :refname <> :partitionClause ({SORTGROUPCLAUSE :tleSortGroupRef 2 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :orderClause ({SORTGROUPCLAUSE :tleSortGroupRef 3 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :frameOptions 66325 :startOffset <> :endOffset <> :startInRangeFunc 0 :endInRangeFunc 0 :inRangeColl 0 :inRangeAsc false :inRangeNullsFirst false :winref 4 :copiedOrder false}) :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2114	pg_catalog	sum	a	0	i
function	2803	pg_catalog	count	a	0	i
function	3112	pg_catalog	first_value	w	0	i
function	3113	pg_catalog	last_value	w	0	i
operator	1754	pg_catalog	<
operator	97	pg_catalog	<
relation	22551	public	a
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	20	-1	bigint
type	23	-1	integer
type	25	-1	text
-- result
differential
-- operator tree
Project "a"."id" AS id; "__pgs_window"."call0" AS near; "__pgs_window"."call1" AS peers; "__pgs_window"."call2" AS before; "__pgs_window"."call3" AS last  [linear]
  Window AS __pgs_window PARTITION BY "a"."k"; pg_catalog."sum"("a"."v") OVER (PARTITION BY "a"."k" ORDER BY "a"."v" ASC NULLS LAST RANGE BETWEEN '1.5'::numeric PRECEDING AND CAST(2 AS numeric) FOLLOWING) AS call0; pg_catalog."count"(*) OVER (PARTITION BY "a"."k" ORDER BY "a"."v" ASC NULLS LAST GROUPS BETWEEN CAST(1 AS bigint) PRECEDING AND CURRENT ROW EXCLUDE TIES) AS call1; pg_catalog."first_value"("a"."t") OVER (PARTITION BY "a"."k" ORDER BY "a"."id" ASC NULLS LAST ROWS BETWEEN CAST(2 AS bigint) PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) AS call2; pg_catalog."last_value"("a"."t") OVER (PARTITION BY "a"."k" ORDER BY "a"."id" ASC NULLS LAST ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS call3  [per partition: the touched partitions recomputed]
    Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT id,
    sum(v) OVER (PARTITION BY k ORDER BY v RANGE BETWEEN 1.5 PRECEDING AND 2 FOLLOWING) AS near,
    count(*) OVER (PARTITION BY k ORDER BY v GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) AS peers,
    first_value(t) OVER (PARTITION BY k ORDER BY id ROWS 2 PRECEDING EXCLUDE CURRENT ROW) AS before,
    last_value(t) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS last
   FROM public.a) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "id", CAST(x.__pgs_c1 AS numeric) AS "near", CAST(x.__pgs_c2 AS bigint) AS "peers", CAST(x.__pgs_c3 AS text) AS "before", CAST(x.__pgs_c4 AS text) AS "last", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c7 AS __pgs_c1, x.__pgs_c8 AS __pgs_c2, x.__pgs_c9 AS __pgs_c3, x.__pgs_c10 AS __pgs_c4, x.__pgs_w AS __pgs_w FROM (SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c1 AS __pgs_k0 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x)
SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_c3 AS __pgs_c3, x.__pgs_c4 AS __pgs_c4, x.__pgs_c5 AS __pgs_c5, x.__pgs_c6 AS __pgs_c6, pg_catalog."sum"(x.__pgs_c3) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c3 ASC NULLS LAST RANGE BETWEEN '1.5'::numeric PRECEDING AND CAST(2 AS numeric) FOLLOWING) AS __pgs_c7, pg_catalog."count"(*) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c3 ASC NULLS LAST GROUPS BETWEEN CAST(1 AS bigint) PRECEDING AND CURRENT ROW EXCLUDE TIES) AS __pgs_c8, pg_catalog."first_value"(x.__pgs_c5) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c0 ASC NULLS LAST ROWS BETWEEN CAST(2 AS bigint) PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) AS __pgs_c9, pg_catalog."last_value"(x.__pgs_c5) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c0 ASC NULLS LAST ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS __pgs_c10, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) x
UNION ALL
SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_c3 AS __pgs_c3, x.__pgs_c4 AS __pgs_c4, x.__pgs_c5 AS __pgs_c5, x.__pgs_c6 AS __pgs_c6, pg_catalog."sum"(x.__pgs_c3) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c3 ASC NULLS LAST RANGE BETWEEN '1.5'::numeric PRECEDING AND CAST(2 AS numeric) FOLLOWING) AS __pgs_c7, pg_catalog."count"(*) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c3 ASC NULLS LAST GROUPS BETWEEN CAST(1 AS bigint) PRECEDING AND CURRENT ROW EXCLUDE TIES) AS __pgs_c8, pg_catalog."first_value"(x.__pgs_c5) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c0 ASC NULLS LAST ROWS BETWEEN CAST(2 AS bigint) PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) AS __pgs_c9, pg_catalog."last_value"(x.__pgs_c5) OVER (PARTITION BY x.__pgs_c1 ORDER BY x.__pgs_c0 ASC NULLS LAST ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS __pgs_c10, -1::bigint AS __pgs_w
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
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x) g) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."id", d."near", d."peers", d."before", d."last")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."id", s2."near", s2."peers", s2."before", s2."last")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("id", "near", "peers", "before", "last", __pgs_rowid)
    SELECT n."id", n."near", n."peers", n."before", n."last", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

