package io.pgstream.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Query in, plan out, without a database: each golden file's recorded PostgreSQL analysis is compiled
 * and the plan (result, operator tree, hidden columns, full query, delta statement) diffed with the
 * file's. After an intended change, regenerate with {@code -Dpgstream.golden.update=true} and read the
 * diff. A new case is a file with only its {@code -- query} section: the engine's GoldenInputsTest,
 * run with the same flag, records PostgreSQL's analysis of it. (That plans compute the right rows is
 * the differential oracle's job.)
 */
class PlanGoldenTest {

    static Stream<GoldenCase> cases() {
        return GoldenCase.all(GoldenCase.DIRECTORY).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMatchesItsGoldenFile(GoldenCase golden) {
        assertFalse(golden.section("analyzed").isBlank(), golden.name() + ": no recorded analysis; run the engine's GoldenInputsTest"
                + " with -Dpgstream.golden.update=true");
        Map<String, String> actual = GoldenCase.outputs(Compiler.compile(golden.request(), golden.recordedTypes()));
        if (Boolean.getBoolean("pgstream.golden.update")) {
            golden.with(actual).write();
            return;
        }
        for (String section : GoldenCase.OUTPUTS) {
            assertEquals(golden.section(section), actual.get(section),
                    () -> golden.name() + ": " + section + " changed; if intended, run with -Dpgstream.golden.update=true");
        }
    }
}
