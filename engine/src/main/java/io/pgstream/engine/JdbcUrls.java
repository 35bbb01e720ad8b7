package io.pgstream.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Accepts the connection strings people have at hand: JDBC URLs and libpq {@code postgresql://} URIs. */
public final class JdbcUrls {

    private JdbcUrls() {}

    public static String toJdbc(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException("not a PostgreSQL connection URL: " + url
                    + " (use jdbc:postgresql://host:port/db or postgresql://user@host:port/db)");
        }
        try {
            URI uri = new URI(url);
            List<String> params = new ArrayList<>();
            if (uri.getRawUserInfo() != null) {
                String[] userInfo = uri.getRawUserInfo().split(":", 2);
                params.add("user=" + userInfo[0]);
                if (userInfo.length == 2) {
                    params.add("password=" + userInfo[1]);
                }
            }
            if (uri.getRawQuery() != null) {
                params.add(uri.getRawQuery());
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
            return "jdbc:postgresql://" + host + port + path + (params.isEmpty() ? "" : "?" + String.join("&", params));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed connection URL: " + e.getMessage(), e);
        }
    }

    /** The database name, for messages. */
    public static String databaseName(String url) {
        String jdbc = toJdbc(url);
        String rest = jdbc.substring(jdbc.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "(default)";
        }
        String db = rest.substring(slash + 1);
        int query = db.indexOf('?');
        return URLDecoder.decode(query < 0 ? db : db.substring(0, query), StandardCharsets.UTF_8);
    }
}
