-- query
SELECT d.id, t.tag, t.pos FROM d CROSS JOIN LATERAL unnest(d.tags) WITH ORDINALITY AS t(tag, pos)
-- definition
 SELECT d.id,
    t.tag,
    t.pos
   FROM (public.d
     CROSS JOIN LATERAL unnest(d.tags) WITH ORDINALITY t(tag, pos))
-- columns
id integer
tag text
pos bigint
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname d :colnames ("id" "k" "n" "tags" "arr" "recs" "obj" "s")} :rtekind 0 :relid 22581 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias {ALIAS :aliasname t :colnames ("tag" "pos")} :eref {ALIAS :aliasname t :colnames ("tag" "pos")} :rtekind 3 :functions ({RANGETBLFUNCTION :funcexpr {FUNCEXPR :funcid 2331 :funcresulttype 25 :funcretset true :funcvariadic false :funcformat 0 :funccollid 100 :inputcollid 100 :args ({VAR :varno 1 :varattno 4 :vartype 1009 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1}) :location -1} :funccolcount 1 :funccolnames <> :funccoltypes <> :funccoltypmods <> :funccolcollations <> :funcparams (b)}) :funcordinality true :lateral true :inFromCl true :securityQuals <>} {RANGETBLENTRY :alias <> :eref {ALIAS :aliasname unnamed_join :colnames ("id" "k" "n" "tags" "arr" "recs" "obj" "s" "tag" "pos")} :rtekind 2 :jointype 0 :joinmergedcols 0 :joinaliasvars ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1} {VAR :varno 1 :varattno 4 :vartype 1009 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1} {VAR :varno 1 :varattno 5 :vartype 3802 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 5 :location -1} {VAR :varno 1 :varattno 6 :vartype 3802 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} {VAR :varno 1 :varattno 7 :vartype 3802 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 7 :location -1} {VAR :varno 1 :varattno 8 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 8 :location -1} {VAR :varno 2 :varattno 1 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} {VAR :varno 2 :varattno 2 :vartype 20 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1}) :joinleftcols (i 1 2 3 4 5 6 7 8) :joinrightcols (i 1 2) :join_using_alias <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22581 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 0 :isNatural false :larg {RANGETBLREF :rtindex 1} :rarg {RANGETBLREF :rtindex 2} :usingClause <> :join_using_alias <> :quals <> :alias <> :rtindex 3}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 22581 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {VAR :varno 2 :varattno 1 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 1 :location -1} :resno 2 :resname tag :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 2 :varattno 2 :vartype 20 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 2 :varattnosyn 2 :location -1} :resno 3 :resname pos :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	2331	pg_catalog	unnest	f	0	i
relation	22581	public	d
type	1009	-1	text[]
type	20	-1	bigint
type	23	-1	integer
type	25	-1	text
type	3802	-1	jsonb
-- result
differential
-- operator tree
Project "d"."id" AS id; "t"."tag" AS tag; "t"."pos" AS pos  [linear]
  Lateral (inner) ROWS FROM (pg_catalog."unnest"("d"."tags")) WITH ORDINALITY AS t  [linear: per input row, Δ = ΔR ⋈ f(ΔR)]
    Scan "public"."d" AS d  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT d.id,
    t.tag,
    t.pos
   FROM (public.d
     CROSS JOIN LATERAL unnest(d.tags) WITH ORDINALITY t(tag, pos))) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "id", CAST(x.__pgs_c1 AS text) AS "tag", CAST(x.__pgs_c2 AS bigint) AS "pos", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c8 AS __pgs_c1, x.__pgs_c9 AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, x.__pgs_c1 AS __pgs_c1, x.__pgs_c2 AS __pgs_c2, x.__pgs_c3 AS __pgs_c3, x.__pgs_c4 AS __pgs_c4, x.__pgs_c5 AS __pgs_c5, x.__pgs_c6 AS __pgs_c6, x.__pgs_c7 AS __pgs_c7, f.__pgs_c0 AS __pgs_c8, f.__pgs_c1 AS __pgs_c9, x.__pgs_w AS __pgs_w
  FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."n" AS __pgs_c2, b."tags" AS __pgs_c3, b."arr" AS __pgs_c4, b."recs" AS __pgs_c5, b."obj" AS __pgs_c6, b."s" AS __pgs_c7, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_d"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x
  JOIN LATERAL ROWS FROM (pg_catalog."unnest"(x.__pgs_c3)) WITH ORDINALITY AS f(__pgs_c0, __pgs_c1) ON true) x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."id", d."tag", d."pos")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."id", s2."tag", s2."pos")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("id", "tag", "pos", __pgs_rowid)
    SELECT n."id", n."tag", n."pos", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

