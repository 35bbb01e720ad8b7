-- query
 SELECT a.k
   FROM public.a
UNION
 SELECT (b.w)::bigint AS k
   FROM public.b
-- operator tree
Distinct
  UnionAll
    Project a.k AS k
      Scan "public"."a" AS a
    Project (b.w)::bigint AS k
      Scan "public"."b" AS b
-- hidden columns
__pgs_rowid bigint
__pgs_count bigint
-- full query
SELECT DISTINCT ON (x.__pgs_t) x."k", hashtextextended(x.__pgs_t, 0) AS __pgs_rowid,
       count(*) OVER (PARTITION BY x.__pgs_t) AS __pgs_count
  FROM (SELECT q.*, q::text AS __pgs_t FROM (
SELECT (a.k)::bigint AS "k"
  FROM "public"."a" AS "a"
UNION ALL
SELECT ((b.w)::bigint)::bigint AS "k"
  FROM "public"."b" AS "b") q) x
-- delta statement
WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
__pgs_d AS (
SELECT (a.k)::bigint AS "k", "a".__pgs_w AS __pgs_w
  FROM (SELECT b."k", b."g", b."v", b."t", b."flag", CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM pgstream_changes."a_changes" b, __pgs_f f WHERE b.__pgs_xid >= coalesce(pg_snapshot_xmin($1), '0'::xid8) AND b.__pgs_op <> 'T' AND pgstream._changed_between(b.__pgs_xid, b.__pgs_seq, $1, $2, $3, f.snap, f.xid, f.seq)) AS "a"
UNION ALL
SELECT ((b.w)::bigint)::bigint AS "k", "b".__pgs_w AS __pgs_w
  FROM (SELECT b."k", b."w", b."label", CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS __pgs_w FROM pgstream_changes."b_changes" b, __pgs_f f WHERE b.__pgs_xid >= coalesce(pg_snapshot_xmin($1), '0'::xid8) AND b.__pgs_op <> 'T' AND pgstream._changed_between(b.__pgs_xid, b.__pgs_seq, $1, $2, $3, f.snap, f.xid, f.seq)) AS "b"),
__pgs_n AS (
    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
      FROM (SELECT d.*, ROW(d."k")::text AS __pgs_t FROM __pgs_d d) x),
__pgs_m AS (
    SELECT n.*, s.ctid AS __pgs_tid, coalesce(s.__pgs_count, 0) + n.__pgs_net AS __pgs_cnt
      FROM __pgs_n n LEFT JOIN "public"."st" s
        ON s.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(s."k")::text = n.__pgs_t
     WHERE n.__pgs_net <> 0),
__pgs_del AS (
    DELETE FROM "public"."st" s USING __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt <= 0
    RETURNING 1),
__pgs_upd AS (
    UPDATE "public"."st" s SET __pgs_count = m.__pgs_cnt FROM __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt > 0
    RETURNING 1),
__pgs_ins AS (
    INSERT INTO "public"."st" ("k", __pgs_rowid, __pgs_count)
    SELECT m."k", hashtextextended(m.__pgs_t, 0), m.__pgs_cnt FROM __pgs_m m
     WHERE m.__pgs_tid IS NULL AND m.__pgs_cnt > 0
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), (SELECT count(*) FROM __pgs_upd)
  FROM __pgs_f f
