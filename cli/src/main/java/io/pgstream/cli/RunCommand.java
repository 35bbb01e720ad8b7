package io.pgstream.cli;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.JdbcUrls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the engine: keeps the stream tables of the given databases fresh until stopped "
                + "(Ctrl-C or SIGTERM).")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "a database to serve (repeat for several): jdbc:postgresql://... or postgresql://...")
    private List<String> urls;

    @Option(names = "--refresh-threads", paramLabel = "N", defaultValue = "2",
            description = "refreshes run at once per database (default: ${DEFAULT-VALUE})")
    private int refreshThreads;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s",
            converter = DurationConverter.class,
            description = "how often the catalog is re-read when no change notification arrives "
                    + "(default: ${DEFAULT-VALUE})")
    private Duration pollInterval;

    @Override
    public Integer call() throws Exception {
        EngineConfig config = new EngineConfig(urls, refreshThreads, pollInterval);
        List<String> names = urls.stream().map(JdbcUrls::databaseName).toList();
        try (ShutdownSignal signal = ShutdownSignal.install(); Engine engine = Engine.start(config)) {
            log.info("pg-stream engine running for {} ({} refresh threads each); Ctrl-C stops it",
                    String.join(", ", names), refreshThreads);
            signal.await();
            log.info("stopping the engine");
        }
        return 0;
    }
}
