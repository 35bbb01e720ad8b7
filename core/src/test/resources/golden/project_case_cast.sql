-- query
SELECT CASE k WHEN 0 THEN 'zero' WHEN 1 THEN 'one' END AS word, v::int AS vi, t::varchar(1) AS t1, coalesce(f, -1) AS f1 FROM a
-- definition
 SELECT
        CASE k
            WHEN 0 THEN 'zero'::text
            WHEN 1 THEN 'one'::text
            ELSE NULL::text
        END AS word,
    (v)::integer AS vi,
    (t)::character varying(1) AS t1,
    COALESCE(f, ('-1'::integer)::double precision) AS f1
   FROM public.a
-- columns
word text
vi integer
t1 character varying(1)
f1 double precision
-- probe types

-- analyzed
({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :resultRelation 0 :hasAggs false :hasWindowFuncs false :hasTargetSRFs false :hasSubLinks false :hasDistinctOn false :hasRecursive false :hasModifyingCTE false :hasForUpdate false :hasRowSecurity false :hasGroupRTE false :isReturn false :cteList <> :rtable ({RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames ("id" "k" "g" "v" "f" "t" "flag")} :rtekind 0 :relid 22551 :inh true :relkind r :rellockmode 1 :perminfoindex 1 :tablesample <> :lateral false :inFromCl true :securityQuals <>}) :rteperminfos ({RTEPERMISSIONINFO :relid 22551 :inh true :requiredPerms 2 :checkAsUser 0 :selectedCols (b 9 11 12 13) :insertedCols (b) :updatedCols (b)}) :jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 1}) :quals <>} :mergeActionList <> :mergeTargetRelation 0 :mergeJoinCondition <> :targetList ({TARGETENTRY :expr {CASEEXPR :casetype 25 :casecollid 100 :arg {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 2 :location -1} :args ({CASEWHEN :expr {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({CASETESTEXPR :typeId 23 :typeMod -1 :collation 0} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 0 0 0 0 0 0 0 0 ]}) :location -1} :result {CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false :location -1 :constvalue 8 [ 32 0 0 0 122 101 114 111 ]} :location -1} {CASEWHEN :expr {OPEXPR :opno 96 :opfuncid 65 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({CASETESTEXPR :typeId 23 :typeMod -1 :collation 0} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}) :location -1} :result {CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false :location -1 :constvalue 7 [ 28 0 0 0 111 110 101 ]} :location -1}) :defresult {CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull true :location -1 :constvalue <>} :location -1} :resno 1 :resname word :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {FUNCEXPR :funcid 1744 :funcresulttype 23 :funcretset false :funcvariadic false :funcformat 1 :funccollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 1700 :vartypmod 786438 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 4 :location -1}) :location -1} :resno 2 :resname vi :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {FUNCEXPR :funcid 669 :funcresulttype 1043 :funcretset false :funcvariadic false :funcformat 1 :funccollid 100 :inputcollid 100 :args ({RELABELTYPE :arg {VAR :varno 1 :varattno 6 :vartype 25 :vartypmod -1 :varcollid 100 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 6 :location -1} :resulttype 1043 :resulttypmod -1 :resultcollid 100 :relabelformat 2 :location -1} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ 5 0 0 0 0 0 0 0 ]} {CONST :consttype 16 :consttypmod -1 :constcollid 0 :constlen 1 :constbyval true :constisnull false :location -1 :constvalue 1 [ 1 0 0 0 0 0 0 0 ]}) :location -1} :resno 3 :resname t1 :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {COALESCEEXPR :coalescetype 701 :coalescecollid 0 :args ({VAR :varno 1 :varattno 5 :vartype 701 :vartypmod -1 :varcollid 0 :varnullingrels (b) :varlevelsup 0 :varreturningtype 0 :varnosyn 1 :varattnosyn 5 :location -1} {FUNCEXPR :funcid 316 :funcresulttype 701 :funcretset false :funcvariadic false :funcformat 1 :funccollid 0 :inputcollid 0 :args ({CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location -1 :constvalue 4 [ -1 -1 -1 -1 -1 -1 -1 -1 ]}) :location -1}) :location -1} :resno 4 :resname f1 :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :returningOldAlias <> :returningNewAlias <> :returningList <> :groupClause <> :groupDistinct false :groupingSets <> :havingQual <> :windowClause <> :distinctClause <> :sortClause <> :limitOffset <> :limitCount <> :limitOption 0 :rowMarks <> :setOperations <> :constraintDeps <> :withCheckOptions <> :stmt_location -1 :stmt_len -1})
-- catalog
operator	96	pg_catalog	=
relation	22551	public	a
type	1043	-1	character varying
type	1043	5	character varying(1)
type	1700	786438	numeric(12,2)
type	23	-1	integer
type	25	-1	text
type	701	-1	double precision
-- result
differential
-- operator tree
Project CASE WHEN ("a"."k" OPERATOR(pg_catalog.=) 0) THEN 'zero'::text WHEN ("a"."k" OPERATOR(pg_catalog.=) 1) THEN 'one'::text ELSE CAST(NULL AS text) END AS word; CAST("a"."v" AS integer) AS vi; CAST(CAST("a"."t" AS character varying) AS character varying(1)) AS t1; COALESCE("a"."f", CAST((-1) AS double precision)) AS f1  [linear]
  Scan "public"."a" AS a  [Δ: its change buffer]
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT
        CASE k
            WHEN 0 THEN 'zero'::text
            WHEN 1 THEN 'one'::text
            ELSE NULL::text
        END AS word,
    (v)::integer AS vi,
    (t)::character varying(1) AS t1,
    COALESCE(f, ('-1'::integer)::double precision) AS f1
   FROM public.a) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT CAST(x.__pgs_c0 AS text) AS "word", CAST(x.__pgs_c1 AS integer) AS "vi", CAST(x.__pgs_c2 AS character varying(1)) AS "t1", CAST(x.__pgs_c3 AS double precision) AS "f1", x.__pgs_w FROM (SELECT CASE WHEN (x.__pgs_c1 OPERATOR(pg_catalog.=) 0) THEN 'zero'::text WHEN (x.__pgs_c1 OPERATOR(pg_catalog.=) 1) THEN 'one'::text ELSE CAST(NULL AS text) END AS __pgs_c0, CAST(x.__pgs_c3 AS integer) AS __pgs_c1, CAST(CAST(x.__pgs_c5 AS character varying) AS character varying(1)) AS __pgs_c2, COALESCE(x.__pgs_c4, CAST((-1) AS double precision)) AS __pgs_c3, x.__pgs_w AS __pgs_w FROM (SELECT b."id" AS __pgs_c0, b."k" AS __pgs_c1, b."g" AS __pgs_c2, b."v" AS __pgs_c3, b."f" AS __pgs_c4, b."t" AS __pgs_c5, b."flag" AS __pgs_c6, CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM __pgs_f f, pgstream_changes."read_a"($1, $2, $3, f.snap, f.xid, f.seq) b WHERE b.__pgs_op <> 'T') x) x),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."word", d."vi", d."t1", d."f1")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."word", s2."vi", s2."t1", s2."f1")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("word", "vi", "t1", "f1", __pgs_rowid)
    SELECT n."word", n."vi", n."t1", n."f1", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0 AND (SELECT count(*) FROM __pgs_del) >= 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
-- state tables

