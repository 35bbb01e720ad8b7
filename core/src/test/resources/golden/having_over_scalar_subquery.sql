-- query
SELECT k, sum(v) AS sv FROM a GROUP BY k HAVING sum(v) > (SELECT avg(x) FROM c)
-- definition
 SELECT k,
    sum(v) AS sv
   FROM public.a
  GROUP BY k
 HAVING (sum(v) > ( SELECT avg(c.x) AS avg
           FROM public.c))
-- columns
k integer
sv numeric
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks true :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE true :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname *GROUP* :colnames ("k")} :rtekind 9 :groupexprs ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :lateral false :inFromCl false :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 1 :resname k :ressortgroupref 1 :resorigtbl 22551 :resorigcol 2 :resjunk false} {TARGETENTRY :expr {AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 2 :resname sv :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause ({SORTGROUPCLAUSE :tleSortGroupRef 1 :eqop 96 :sortop 97 :reverse_sort false :nulls_first false :hashable true}) :groupDistinct false :groupingSets <> :havingQual {OPEXPR :opno 1756 :opfuncid 1720 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({AGGREF :aggfnoid 2114 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} {SUBLINK :subLinkType 4 :subLinkId 0 :testexpr <> :operName <> :subselect {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname c :colnames ("id" "k" "g" "x")} :rtekind 0 :relid 22571 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22571 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {AGGREF :aggfnoid 2103 :aggtype 1700 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes (o 1700) :aggdirectargs <> :args ({TARGETENTRY :expr {VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :aggorder <> :aggdistinct <> :aggfilter <> :aggstar false :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 1 :resname avg :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :location -1}) :location -1} :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2103	pg_catalog	avg	a	0	i
function	2114	pg_catalog	sum	a	0	i
operator	1756	pg_catalog	>
operator	97	pg_catalog	<
relation	22551	public	a
relation	22571	public	c
type	1700	-1	numeric
type	1700	786438	numeric(12,2)
type	23	-1	integer
-- result
differential
-- operator tree
Project "__pgs_groups"."key0" AS k; "__pgs_groups"."aggregate0" AS sv  [linear]
  Filter ("__pgs_groups"."aggregate0" OPERATOR(pg_catalog.>) "__pgs_scalar1"."value")  [linear]
    Join (left) ON true  [Δ = inner join + NULL-padded anti join]
      Derived AS __pgs_groups  [linear]
        Project "a"."k" AS key0; pg_catalog."sum"("a"."v") AS aggregate0  [linear]
          Aggregate GROUP BY "a"."k"; pg_catalog."sum"("a"."v")  [per group: counters at the top of the query, else the touched groups recomputed]
            Scan "public"."a" AS a  [Δ: its change buffer]
      Derived AS __pgs_scalar1  [linear]
        Project pg_catalog."avg"("c"."x") AS value  [linear]
          Aggregate GROUP BY (); pg_catalog."avg"("c"."x")  [per group: counters at the top of the query, else the touched groups recomputed]
            Scan "public"."c" AS c  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT k,
    sum(v) AS sv
   FROM public.a
  GROUP BY k
 HAVING (sum(v) > ( SELECT avg(c.x) AS avg
           FROM public.c))) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_delta1 AS MATERIALIZED (
SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c1 AS __pgs_k0 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x)
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c1, -1::bigint AS __pgs_w
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
__pgs_delta2 AS MATERIALIZED (
SELECT n.* FROM (SELECT pg_catalog."avg"(x.__pgs_c3) AS __pgs_c0, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t) x) n WHERE EXISTS (SELECT 1 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."x" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_c"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d)
UNION ALL
SELECT o.* FROM (SELECT pg_catalog."avg"(x.__pgs_c3) AS __pgs_c0, -1::bigint AS __pgs_w
  FROM (SELECT n.__pgs_c0 AS __pgs_c0, n.__pgs_c1 AS __pgs_c1, n.__pgs_c2 AS __pgs_c2, n.__pgs_c3 AS __pgs_c3, 1::bigint AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_c3 AS __pgs_c3, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, y.__pgs_c3, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2, z.__pgs_c3)::text AS __pgs_t FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."x" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_c"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) z) y) q
 WHERE q.__pgs_m <> 0) n
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x) o WHERE EXISTS (SELECT 1 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."x" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_c"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d)),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "k", CAST(x.__pgs_c1 AS numeric) AS "sv", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT x.* FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2)::text AS __pgs_t FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT * FROM __pgs_delta1) l
  JOIN (SELECT pg_catalog."avg"(x.__pgs_c3) AS __pgs_c0, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t) x
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, -d.__pgs_w AS __pgs_w FROM (SELECT * FROM __pgs_delta2) d) r ON true
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, r.__pgs_c0 AS __pgs_c2, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
 GROUP BY x.__pgs_c1) l
  JOIN (SELECT * FROM __pgs_delta2) r ON true
UNION ALL
SELECT a.__pgs_c0 AS __pgs_c0, a.__pgs_c1 AS __pgs_c1, NULL AS __pgs_c2, a.__pgs_w AS __pgs_w FROM (SELECT l.* FROM (SELECT * FROM __pgs_delta1) l WHERE NOT EXISTS (SELECT 1 FROM (SELECT pg_catalog."avg"(x.__pgs_c3) AS __pgs_c0, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t) x) r WHERE true)
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_w * s.__pgs_ds AS __pgs_w
  FROM (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."sum"(x.__pgs_c3) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, -d.__pgs_w AS __pgs_w FROM (SELECT * FROM __pgs_delta1) d) l
  CROSS JOIN LATERAL (SELECT (coalesce((SELECT sum(r.__pgs_w) FROM (SELECT pg_catalog."avg"(x.__pgs_c3) AS __pgs_c0, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t) x
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, -d.__pgs_w AS __pgs_w FROM (SELECT * FROM __pgs_delta2) d) r WHERE true), 0) > 0)::int - (EXISTS (SELECT 1 FROM (SELECT pg_catalog."avg"(x.__pgs_c3) AS __pgs_c0, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."x" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."c" t) x) r WHERE true))::int AS __pgs_ds) s
 WHERE EXISTS (SELECT 1 FROM (SELECT * FROM __pgs_delta2) r WHERE true) AND s.__pgs_ds <> 0) a) z) y) q
 WHERE q.__pgs_m <> 0) x WHERE (x.__pgs_c1 OPERATOR(pg_catalog.>) x.__pgs_c2)) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."k", d."sv")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."k", s2."sv")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", "sv", __pgs_rowid)
    SELECT n."k", n."sv", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

