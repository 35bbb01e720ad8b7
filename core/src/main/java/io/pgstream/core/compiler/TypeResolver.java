package io.pgstream.core.compiler;

import java.util.List;

/** Asks PostgreSQL the output types of a query ({@code format_type} text, in order). */
@FunctionalInterface
public interface TypeResolver {
    List<String> typesOf(String query) throws Exception;
}
