package io.pgstream.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.core.algebra.TableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Query in, plan out: each case's operator tree, hidden columns, full query and delta statement, kept
 * in {@code src/test/resources/golden/<case>.sql} and diffed. After an intended change, regenerate with
 * {@code -Dpgstream.golden.update=true} and read the diff. (That the plans compute the right rows is
 * the differential oracle's job.)
 */
class PlanGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private static final List<CompileRequest.Source> SOURCES = List.of(
            source("a", "k", "g", "v", "t", "flag"), source("b", "k", "w", "label"), source("c", "k", "g"));

    private static CompileRequest.Source source(String table, String... columns) {
        return new CompileRequest.Source(new TableName("public", table), "pgstream_changes.\"" + table + "_changes\"",
                List.of(columns));
    }

    private static CompileRequest request(String definition, String... columns) {
        List<CompileRequest.Column> typed = java.util.Arrays.stream(columns)
                .map(c -> new CompileRequest.Column(c.split(" ", 2)[0], c.split(" ", 2)[1])).toList();
        return new CompileRequest(definition, QueryTranslatorTest.facts(definition), "\"public\".\"st\"", typed, SOURCES);
    }

    private static Compilation compile(CompileRequest request) {
        return compile(request, "");
    }

    /** {@code answers}: PostgreSQL's types for each probe the compiler sends, in order: "t1;t2/t3". */
    private static Compilation compile(CompileRequest request, String answers) {
        java.util.Iterator<String> probes = List.of(answers.split("/")).iterator();
        return Compiler.compile(request, query -> List.of(probes.next().split(";")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "distinct_over_join    | ' SELECT DISTINCT a.t,\n    b.label\n   FROM (public.a\n     JOIN public.b ON ((a.k = b.k)))' | t text,label text |",
            "union_all_same_table  | ' SELECT a.k\n   FROM public.a\nUNION ALL\n SELECT a.g AS k\n   FROM public.a\n  WHERE a.flag' | k integer |",
            "union_coerced         | ' SELECT a.k\n   FROM public.a\nUNION\n SELECT (b.w)::bigint AS k\n   FROM public.b' | k bigint |",
            "having_computed       | ' SELECT a.k,\n    round(avg(a.v), 1) AS av\n   FROM public.a\n  GROUP BY a.k\n HAVING bool_or(a.flag)' | k integer,av numeric | numeric(12,2);boolean/numeric;boolean",
    })
    void planMatchesItsGoldenFile(String name, String definition, String columns, String types) throws IOException {
        CompileRequest request = request(definition.replace("\\n", "\n"), columns.split(","));
        Compilation compilation = compile(request, types == null ? "" : types);
        if (compilation instanceof Compilation.FullOnly full) {
            throw new AssertionError(name + " is not differential: " + full.reason());
        }
        Plan plan = ((Compilation.Differential) compilation).plan();
        String actual = "-- query\n" + request.definition() + "\n-- operator tree\n" + plan.operatorTree()
                + "-- hidden columns\n" + plan.hiddenColumns().stream().map(c -> c.name() + " " + c.type())
                        .collect(Collectors.joining("\n"))
                + "\n-- full query\n" + plan.fullQuery() + "\n-- delta statement\n" + plan.deltaStatement() + "\n";
        Path file = GOLDEN.resolve(name + ".sql");
        if (Boolean.getBoolean("pgstream.golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                () -> name + ": the plan changed; if intended, run with -Dpgstream.golden.update=true");
    }

    @Test
    void aBagOverASetIsRefusedNamingIt() {
        Compilation compilation = compile(request(
                " SELECT a.k FROM public.a UNION ALL ( SELECT b.k FROM public.b UNION SELECT c.k FROM public.c)", "k integer"));
        Compilation.FullOnly full = assertInstanceOf(Compilation.FullOnly.class, compilation);
        assertTrue(full.reason().contains("UNION or DISTINCT inside UNION ALL"), full.reason());
        assertTrue(full.operatorTree().startsWith("UnionAll\n"), full.operatorTree());
    }

    @Test
    void whatTheAlgebraCannotReadIsExplainedAsARecomputationOfItsSources() {
        Compilation compilation = compile(request(" SELECT a.k FROM public.a INTERSECT SELECT c.k FROM public.c", "k integer"));
        Compilation.FullOnly full = assertInstanceOf(Compilation.FullOnly.class, compilation);
        assertEquals("INTERSECT", full.reason());
        assertTrue(full.operatorTree().startsWith("Recompute"), full.operatorTree());
        assertTrue(full.operatorTree().contains("Scan \"public\".\"c\""), full.operatorTree());
    }
}
