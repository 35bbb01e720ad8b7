package io.pgstream.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OperatorSpellingTest {

    @Test
    void likeOperatorsBecomeKeywords() {
        assertEquals("((t LIKE 'a%'::text) AND (u NOT ILIKE 'b'::text) AND (v ILIKE 'c'::text) AND (w NOT LIKE 'd'::text))",
                OperatorSpelling.asKeywords("((t ~~ 'a%'::text) AND (u !~~* 'b'::text) AND (v ~~* 'c'::text) AND (w !~~ 'd'::text))"));
    }

    @Test
    void literalsAndQuotedIdentifiersAreLeftAlone() {
        String sql = "SELECT ' ~~ ' AS \" ~~ \", E' \\' ~~ ' AS x, 'it''s ~~ ' AS y FROM public.t WHERE (a ~~ 'x'::text)";
        assertEquals("SELECT ' ~~ ' AS \" ~~ \", E' \\' ~~ ' AS x, 'it''s ~~ ' AS y FROM public.t WHERE (a LIKE 'x'::text)",
                OperatorSpelling.asKeywords(sql));
    }

    @Test
    void otherOperatorsAreLeftAlone() {
        assertEquals("(a ~ 'x'::text) AND (b ~~~ c) AND (d ~* e)", OperatorSpelling.asKeywords("(a ~ 'x'::text) AND (b ~~~ c) AND (d ~* e)"));
    }
}
