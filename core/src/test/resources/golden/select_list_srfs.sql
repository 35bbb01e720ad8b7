-- query
SELECT id, unnest(tags) AS tag, generate_series(1, n) AS i FROM d
-- definition
 SELECT id,
    unnest(tags) AS tag,
    generate_series(1, n) AS i
   FROM public.d
-- columns
id integer
tag text
i integer
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs true :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname d :colnames ("id" "k" "n" "tags" "arr" "recs" "obj" "s")} :rtekind 0 :relid 22581 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22581 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 8 10 11) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 1 :location -1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 22581 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {FUNCEXPR :funcid 2331 :funcresulttype 25 :funcretset true :funcvariadic false :funcformat 0 :funccollid 100 :inputcollid 100 :args ({VAR :varno 1 :varattno 4 :vartype 1009 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1}) :location -1} :resno 2 :resname tag :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {FUNCEXPR :funcid 1067 :funcresulttype 23 :funcretset true :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]} {VAR :varno 1 :varattno 3 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 3 :location -1}) :location -1} :resno 3 :resname i :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
function	1067	pg_catalog	generate_series	f	0	i
function	2331	pg_catalog	unnest	f	0	i
relation	22581	public	d
type	1009	-1	text[]
type	23	-1	integer
type	25	-1	text
-- result
differential
-- operator tree
Project "d"."id" AS id; pg_catalog."unnest"("d"."tags") AS tag; pg_catalog."generate_series"(1, "d"."n") AS i  [linear]
  Scan "public"."d" AS d  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT id,
    unnest(tags) AS tag,
    generate_series(1, n) AS i
   FROM public.d) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS integer) AS "id", CAST(x.__pgs_c1 AS text) AS "tag", CAST(x.__pgs_c2 AS integer) AS "i", x.__pgs_w FROM (SELECT x.__pgs_c0 AS __pgs_c0, pg_catalog."unnest"(x.__pgs_c3) AS __pgs_c1, pg_catalog."generate_series"(1, x.__pgs_c2) AS __pgs_c2, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."n" AS __pgs_c2, b."tags" AS __pgs_c3, b."arr" AS __pgs_c4, b."recs" AS __pgs_c5, b."obj" AS __pgs_c6, b."s" AS __pgs_c7, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_d"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."id", d."tag", d."i")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."id", s2."tag", s2."i")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("id", "tag", "i", __pgs_rowid)
    SELECT n."id", n."tag", n."i", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

