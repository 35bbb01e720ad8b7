package io.pgstream.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.core.rewrite.Rewriter;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Query in (as pg_get_viewdef prints it), operator tree out; or the construct that prevents it. */
class QueryTranslatorTest {

    private static final Set<String> AGGREGATE_NAMES = Set.of("count", "sum", "avg", "min", "max", "bool_or", "string_agg");

    /** PostgreSQL's facts, here approximated: the query aggregates when it calls one of the names above. */
    static QueryFacts facts(String definition) {
        boolean aggregates = AGGREGATE_NAMES.stream().anyMatch(name -> definition.contains(name + "("));
        return new QueryFacts(aggregates, false, false, false, false, aggregates ? AGGREGATE_NAMES : Set.of());
    }

    private static String tree(String definition) throws NotDifferentiableException {
        return QueryTranslator.translate(definition, facts(definition)).rel().explain();
    }

    @Test
    void joinsAreFlattenedIntoOneInnerJoinOfScans() throws NotDifferentiableException {
        assertEquals("""
                Project c."Name" AS Name; o.amount AS amount
                  Filter (o.id < 20)
                    Join (inner) ON ((c.id = o.customer))
                      Scan "public"."orders" AS o
                      Scan "My Schema"."Cust Table" AS c
                """, tree("""
                 SELECT c."Name",
                    o.amount
                   FROM (public.orders o
                     JOIN "My Schema"."Cust Table" c ON ((c.id = o.customer)))
                  WHERE (o.id < 20)"""));
    }

    @Test
    void groupedAggregates() throws NotDifferentiableException {
        assertEquals("""
                Project (k % 2) AS parity; count(*) AS n; sum(v) AS total
                  Aggregate GROUP BY (k % 2); count(*); sum(v)
                    Scan "public"."a" AS a
                """, tree(" SELECT (k % 2) AS parity,\n    count(*) AS n,\n    sum(v) AS total\n   FROM public.a\n  GROUP BY (k % 2)"));
    }

    /** The tree after the rewrites, as the plan writers get it. */
    private static String rewritten(String definition) throws NotDifferentiableException {
        return Rewriter.rewrite(QueryTranslator.translate(definition, facts(definition)).rel()).explain();
    }

    @Test
    void selectDistinctIsADistinctOverTheProjection() throws NotDifferentiableException {
        assertEquals("""
                Distinct
                  Project a.k AS k; b.label AS label
                    Join (inner) ON ((a.k = b.k))
                      Scan "public"."a" AS a
                      Scan "public"."b" AS b
                """, rewritten("""
                 SELECT DISTINCT a.k,
                    b.label
                   FROM (public.a
                     JOIN public.b ON ((a.k = b.k)))"""));
    }

    @Test
    void distinctOverGroupsIsTheAggregateItself() throws NotDifferentiableException {
        assertEquals("""
                Project k AS k; count(*) AS n
                  Aggregate GROUP BY k; count(*)
                    Scan "public"."a" AS a
                """, rewritten(" SELECT DISTINCT k,\n    count(*) AS n\n   FROM public.a\n  GROUP BY k"));
    }

    @Test
    void unionAllOfTheSameTableTwiceKeepsBothBranches() throws NotDifferentiableException {
        assertEquals("""
                UnionAll
                  Project a.k AS k; a.t AS t
                    Scan "public"."a" AS a
                  Project a.g AS k; a.t AS t
                    Filter a.flag
                      Scan "public"."a" AS a
                """, rewritten("""
                 SELECT a.k,
                    a.t
                   FROM public.a
                UNION ALL
                 SELECT a.g AS k,
                    a.t
                   FROM public.a
                  WHERE a.flag"""));
    }

    /** Left-associative, as SQL: A UNION ALL B UNION C is one DISTINCT over the three. */
    @Test
    void unionIsDistinctOverUnionAllFlattened() throws NotDifferentiableException {
        assertEquals("""
                Distinct
                  UnionAll
                    Project a.k AS k
                      Scan "public"."a" AS a
                    Project b.k AS k
                      Scan "public"."b" AS b
                    Project c.g AS k
                      Scan "public"."c" AS c
                """, rewritten("""
                (
                         SELECT a.k
                           FROM public.a
                        UNION ALL
                         SELECT b.k
                           FROM public.b
                ) UNION
                 SELECT c.g AS k
                   FROM public.c"""));
    }

    @Test
    void aUnionInsideUnionAllStaysNested() throws NotDifferentiableException {
        assertEquals("""
                UnionAll
                  Project a.k AS k
                    Scan "public"."a" AS a
                  Distinct
                    UnionAll
                      Project b.k AS k
                        Scan "public"."b" AS b
                      Project c.k AS k
                        Scan "public"."c" AS c
                """, rewritten(" SELECT a.k FROM public.a UNION ALL ( SELECT b.k FROM public.b UNION SELECT c.k FROM public.c)"));
    }

    @Test
    void likeIsReadThroughItsOperatorSpelling() throws NotDifferentiableException {
        assertTrue(tree(" SELECT t\n   FROM public.a\n  WHERE (t ~~ 'x%'::text)").contains("Filter (t LIKE 'x%'::text)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            " SELECT DISTINCT ON (k) k FROM public.a ORDER BY k                       | DISTINCT ON",
            " SELECT a.k FROM public.a INTERSECT SELECT c.k FROM public.c              | INTERSECT",
            " SELECT a.k FROM public.a EXCEPT ALL SELECT c.k FROM public.c             | EXCEPT",
            " SELECT a.k FROM public.a UNION ALL SELECT count(*) AS k FROM public.b    | an aggregate inside UNION",
            " (SELECT a.k FROM public.a LIMIT 1) UNION ALL SELECT b.k FROM public.b    | LIMIT, OFFSET or FETCH",
            " SELECT a.k FROM (public.a LEFT JOIN public.b ON ((a.k = b.k)))           | an outer, natural or semi join",
            " SELECT id, t FROM public.a GROUP BY id                                   | not a GROUP BY key",
            " SELECT k FROM public.a LIMIT 5                                           | LIMIT, OFFSET or FETCH",
            " SELECT count(*) FILTER (WHERE flag) AS n FROM public.a                   | FILTER",
            " SELECT count(DISTINCT k) AS n FROM public.a                              | an aggregate with DISTINCT",
            " SELECT string_agg(t, ',') AS s FROM public.a                             | the aggregate string_agg()",
            " SELECT x.k FROM (SELECT a.k FROM public.a) x                             | a FROM item other than a table",
            " SELECT a.k FROM (public.a JOIN public.b USING (k))                        | JOIN ... USING",
            " SELECT count(*) AS n FROM public.a GROUP BY k                            | a GROUP BY key that is not an output column",
    })
    void constructsOutsideTheDifferentiableShapesAreNamed(String definition, String construct) {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> tree(definition));
        assertTrue(e.getMessage().contains(construct), e.getMessage());
    }

    @Test
    void whatPostgresSaysIsInTheQueryIsRefusedFirst() {
        QueryFacts sublinks = new QueryFacts(false, true, false, false, false, Set.of());
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> QueryTranslator.translate(" SELECT k FROM public.a", sublinks));
        assertTrue(e.getMessage().contains("subquery"));
        QueryFacts windows = new QueryFacts(false, false, true, false, false, Set.of());
        assertTrue(assertThrows(NotDifferentiableException.class,
                () -> QueryTranslator.translate(" SELECT k FROM public.a", windows)).getMessage().contains("window"));
    }
}
