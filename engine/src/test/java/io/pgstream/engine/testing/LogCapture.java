package io.pgstream.engine.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records what is logged at WARN or above while it is open (through the root logger, so with the levels of
 * logback-test.xml, which mirror the command's), for tests that check what an incident costs in log lines.
 */
public final class LogCapture implements AutoCloseable {

    /** One recorded line: its logger, its text, and whether it carried a stack trace. */
    public record Line(String logger, String message, boolean stackTrace) {
        @Override
        public String toString() {
            return logger + ": " + message + (stackTrace ? " [with a stack trace]" : "");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                lines.add(new Line(event.getLoggerName(), event.getFormattedMessage(), event.getThrowableProxy() != null));
            }
        }
    };

    public LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** The lines recorded so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Forgets the lines recorded so far. */
    public void clear() {
        lines.clear();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
