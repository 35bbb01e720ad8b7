package io.pgstream.core.analyzed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTextTest {

    private static Node node(String text) {
        return (Node) NodeText.parse(text);
    }

    @Test
    void fieldsAreReadByName() {
        Node var = node("{VAR :varno 1 :varattno 2 :vartype 23 :varnullingrels (b) :location -1}");
        assertEquals("VAR", var.type());
        assertEquals(2, var.integer("varattno"));
        assertEquals(List.of(), var.list("varnullingrels"));
        assertEquals(7, var.integer("varreturningtype", 7), "a field this version does not write");
    }

    @Test
    void emptyValuesNestedNodesAndTaggedLists() {
        Node rte = node("{RANGETBLENTRY :alias <> :eref {ALIAS :aliasname a :colnames (\"id\" \"k\")} :rtekind 0"
                + " :joinleftcols (i 1 2 3) :aggargtypes (o 1700)}");
        assertNull(rte.node("alias"));
        assertEquals(List.of(new Node.Text("id"), new Node.Text("k")), rte.node("eref").list("colnames"));
        assertEquals(List.of("1", "2", "3"), rte.list("joinleftcols"));
        assertEquals(List.of("1700"), rte.list("aggargtypes"));
    }

    @Test
    void backslashesEscapeDelimitersAndMarkPlainTokens() {
        Node alias = node("{ALIAS :aliasname my\\ table\\(1\\) :colnames (\"a\\ b\" \"\" \"\\\"q\\\"\") :other \\<>}");
        assertEquals("my table(1)", alias.token("aliasname"));
        assertEquals(List.of(new Node.Text("a b"), new Node.Text(""), new Node.Text("\"q\"")), alias.list("colnames"));
        assertEquals("<>", alias.token("other"), "an escaped <> is the string <>, not an empty value");
    }

    @Test
    void aByValueDatumHasAllTheBytesOfADatum() {
        Node constant = node("{CONST :consttype 23 :constlen 4 :constbyval true :constisnull false :constvalue 4 [ 1 0 0 0 0 0 0 0 ]}");
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, ((Node.Datum) constant.value("constvalue")).bytes());
        Node text = node("{CONST :consttype 25 :constvalue 5 [ 20 0 0 0 -1 ]}");
        assertArrayEquals(new byte[] {20, 0, 0, 0, -1}, ((Node.Datum) text.value("constvalue")).bytes());
    }

    @Test
    void malformedTextIsRefusedWithItsPosition() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NodeText.parse("{VAR :varno 1"));
        assertEquals("PostgreSQL node text, at character 13: node VAR is not closed", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeText.parse("{VAR varno 1}"));
        assertThrows(IllegalArgumentException.class, () -> NodeText.parse("{VAR :varno 1} {VAR :varno 2}"));
    }
}
