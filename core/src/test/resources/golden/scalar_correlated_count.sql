-- query
SELECT id, (SELECT count(*) FROM b WHERE b.k = a.k) AS n FROM a
-- definition
 SELECT id,
    ( SELECT count(*) AS count
           FROM public.b
          WHERE (b.k = a.k)) AS n
   FROM public.a
-- columns
id integer
n bigint
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks true :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 22551 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {SUBLINK :subLinkType 4 :subLinkId 0 :testexpr <> :operName <> :subselect {QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs true :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname b :colnames ("id" "k" "w" "label")} :rtekind 0 :relid 22561 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22561 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 1 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1}) :location -1}} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {AGGREF :aggfnoid 2803 :aggtype 20 :aggcollid 0 :inputcollid 0 :aggtranstype 0 :aggargtypes <> :aggdirectargs <> :args <> :aggorder <> :aggdistinct <> :aggfilter <> :aggstar true :aggvariadic false :aggkind n :aggpresorted false :agglevelsup 0 :aggsplit 0 :aggno -1 :aggtransno -1 :location -1} :resno 1 :resname count :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1} :location -1} :resno 2 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2803	pg_catalog	count	a	0	i
operator	96	pg_catalog	=
relation	22551	public	a
relation	22561	public	b
type	20	-1	bigint
type	23	-1	integer
-- result
differential
-- operator tree
Project "a"."id" AS id; CASE WHEN ("__pgs_scalar1"."key0" IS NULL) THEN '0'::bigint ELSE "__pgs_scalar1"."value" END AS n  [linear]
  Join (left) ON ("__pgs_scalar1"."key0" OPERATOR(pg_catalog.=) "a"."k")  [Δ = inner join + NULL-padded anti join]
    Scan "public"."a" AS a  [Δ: its change buffer]
    Derived AS __pgs_scalar1  [linear]
      Project "b"."k" AS key0; pg_catalog."count"(*) AS value  [linear]
        Aggregate GROUP BY "b"."k"; pg_catalog."count"(*)  [per group: counters at the top of the query, else the touched groups recomputed]
          Scan "public"."b" AS b  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT id,
    ( SELECT count(*) AS count
           FROM public.b
          WHERE (b.k = a.k)) AS n
   FROM public.a) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_delta1 AS MATERIALIZED (
SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT x.__pgs_c1 AS __pgs_k0 FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x)
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, -1::bigint AS __pgs_w
  FROM (SELECT n.__pgs_c0 AS __pgs_c0, n.__pgs_c1 AS __pgs_c1, n.__pgs_c2 AS __pgs_c2, n.__pgs_c3 AS __pgs_c3, 1::bigint AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_c3 AS __pgs_c3, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, y.__pgs_c3, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2, z.__pgs_c3)::text AS __pgs_t FROM (SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (x.__pgs_c1) IN (SELECT g.__pgs_k0 FROM __pgs_g g)
UNION ALL
SELECT x.* FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."w" AS __pgs_c2, b."label" AS __pgs_c3, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_b"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) x WHERE (SELECT coalesce(bool_or(g.__pgs_k0 IS NULL), false) FROM __pgs_g g) AND (x.__pgs_c1 IS NULL) AND EXISTS (SELECT 1 FROM __pgs_g g WHERE g.__pgs_k0 IS NOT DISTINCT FROM x.__pgs_c1)) z) y) q
 WHERE q.__pgs_m <> 0) n
  CROSS JOIN LATERAL generate_series(1, n.__pgs_w)) x
 GROUP BY x.__pgs_c1) g),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "id", CAST(x.__pgs_c1 AS bigint) AS "n", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, CASE WHEN (x.__pgs_c7 IS NULL) THEN '0'::bigint ELSE x.__pgs_c8 END AS __pgs_c1, x.__pgs_w AS __pgs_w FROM (SELECT q.__pgs_c0 AS __pgs_c0, q.__pgs_c1 AS __pgs_c1, q.__pgs_c2 AS __pgs_c2, q.__pgs_c3 AS __pgs_c3, q.__pgs_c4 AS __pgs_c4, q.__pgs_c5 AS __pgs_c5, q.__pgs_c6 AS __pgs_c6, q.__pgs_c7 AS __pgs_c7, q.__pgs_c8 AS __pgs_c8, q.__pgs_m AS __pgs_w
  FROM (SELECT DISTINCT ON (y.__pgs_t) y.__pgs_c0, y.__pgs_c1, y.__pgs_c2, y.__pgs_c3, y.__pgs_c4, y.__pgs_c5, y.__pgs_c6, y.__pgs_c7, y.__pgs_c8, sum(y.__pgs_w) OVER (PARTITION BY y.__pgs_t) AS __pgs_m
          FROM (SELECT z.*, ROW(z.__pgs_c0, z.__pgs_c1, z.__pgs_c2, z.__pgs_c3, z.__pgs_c4, z.__pgs_c5, z.__pgs_c6, z.__pgs_c7, z.__pgs_c8)::text AS __pgs_t FROM (SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') l
  JOIN (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, -d.__pgs_w AS __pgs_w FROM (SELECT * FROM __pgs_delta1) d) r ON (r.__pgs_c0 OPERATOR(pg_catalog.=) l.__pgs_c1)
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, r.__pgs_c0 AS __pgs_c7, r.__pgs_c1 AS __pgs_c8, l.__pgs_w * r.__pgs_w AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t) l
  JOIN (SELECT * FROM __pgs_delta1) r ON (r.__pgs_c0 OPERATOR(pg_catalog.=) l.__pgs_c1)
UNION ALL
SELECT a.__pgs_c0 AS __pgs_c0, a.__pgs_c1 AS __pgs_c1, a.__pgs_c2 AS __pgs_c2, a.__pgs_c3 AS __pgs_c3, a.__pgs_c4 AS __pgs_c4, a.__pgs_c5 AS __pgs_c5, a.__pgs_c6 AS __pgs_c6, NULL AS __pgs_c7, NULL AS __pgs_c8, a.__pgs_w AS __pgs_w FROM (SELECT l.* FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') l WHERE NOT EXISTS (SELECT 1 FROM (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x
 GROUP BY x.__pgs_c1) r WHERE (r.__pgs_c0 OPERATOR(pg_catalog.=) l.__pgs_c1))
UNION ALL
SELECT l.__pgs_c0 AS __pgs_c0, l.__pgs_c1 AS __pgs_c1, l.__pgs_c2 AS __pgs_c2, l.__pgs_c3 AS __pgs_c3, l.__pgs_c4 AS __pgs_c4, l.__pgs_c5 AS __pgs_c5, l.__pgs_c6 AS __pgs_c6, l.__pgs_w * s.__pgs_ds AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."g" AS __pgs_c2, t."v" AS __pgs_c3, t."f" AS __pgs_c4, t."t" AS __pgs_c5, t."flag" AS __pgs_c6, 1::bigint AS __pgs_w FROM "public"."a" t
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, d.__pgs_c2 AS __pgs_c2, d.__pgs_c3 AS __pgs_c3, d.__pgs_c4 AS __pgs_c4, d.__pgs_c5 AS __pgs_c5, d.__pgs_c6 AS __pgs_c6, -d.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') d) l
  CROSS JOIN LATERAL (SELECT (coalesce((SELECT sum(r.__pgs_w) FROM (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x
 GROUP BY x.__pgs_c1
UNION ALL
SELECT d.__pgs_c0 AS __pgs_c0, d.__pgs_c1 AS __pgs_c1, -d.__pgs_w AS __pgs_w FROM (SELECT * FROM __pgs_delta1) d) r WHERE (r.__pgs_c0 OPERATOR(pg_catalog.=) l.__pgs_c1)), 0) > 0)::int - (EXISTS (SELECT 1 FROM (SELECT x.__pgs_c1 AS __pgs_c0, pg_catalog."count"(*) AS __pgs_c1, 1::bigint AS __pgs_w
  FROM (SELECT t."id" AS __pgs_c0, t."k" AS __pgs_c1, t."w" AS __pgs_c2, t."label" AS __pgs_c3, 1::bigint AS __pgs_w FROM "public"."b" t) x
 GROUP BY x.__pgs_c1) r WHERE (r.__pgs_c0 OPERATOR(pg_catalog.=) l.__pgs_c1)))::int AS __pgs_ds) s
 WHERE EXISTS (SELECT 1 FROM (SELECT * FROM __pgs_delta1) r WHERE (r.__pgs_c0 OPERATOR(pg_catalog.=) l.__pgs_c1)) AND s.__pgs_ds <> 0) a) z) y) q
 WHERE q.__pgs_m <> 0) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."id", d."n")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."id", s2."n")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("id", "n", __pgs_rowid)
    SELECT n."id", n."n", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

