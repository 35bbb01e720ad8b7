-- query
 SELECT a.k
   FROM public.a
UNION ALL
 SELECT a.g AS k
   FROM public.a
  WHERE a.flag
-- operator tree
UnionAll
  Project a.k AS k
    Scan "public"."a" AS a
  Project a.g AS k
    Filter a.flag
      Scan "public"."a" AS a
-- hidden columns
__pgs_rowid bigint
-- full query
SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM ( SELECT a.k
   FROM public.a
UNION ALL
 SELECT a.g AS k
   FROM public.a
  WHERE a.flag) q
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT (a.k)::integer AS "k", "a".__pgs_w AS __pgs_w
  FROM (SELECT b."k", b."g", b."v", b."t", b."flag", CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM pgstream_changes."a_changes" b, __pgs_f f WHERE b.__pgs_xid >= coalesce(pg_snapshot_xmin($1), '0'::xid8) AND b.__pgs_op <> 'T' AND pgstream._changed_between(b.__pgs_xid, b.__pgs_seq, $1, $2, $3, f.snap, f.xid, f.seq)) AS "a"
UNION ALL
SELECT (a.g)::integer AS "k", "a".__pgs_w AS __pgs_w
  FROM (SELECT b."k", b."g", b."v", b."t", b."flag", CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM pgstream_changes."a_changes" b, __pgs_f f WHERE b.__pgs_xid >= coalesce(pg_snapshot_xmin($1), '0'::xid8) AND b.__pgs_op <> 'T' AND pgstream._changed_between(b.__pgs_xid, b.__pgs_seq, $1, $2, $3, f.snap, f.xid, f.seq)) AS "a"
 WHERE (a.flag)),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."k")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_del AS (
    DELETE FROM "public"."st" s WHERE s.ctid IN (
        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
            SELECT s2.ctid AS tid FROM "public"."st" s2
             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s2."k")::text = n.__pgs_t
             LIMIT (-n.__pgs_net)) m
         WHERE n.__pgs_net < 0)
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", __pgs_rowid)
    SELECT n."k", hashtextextended(n.__pgs_t, 0)
      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
     WHERE n.__pgs_net > 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
  FROM __pgs_f f
