package io.pgstream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The root log level, set from {@code --log-level} and quietened while the demo draws its own output. */
final class Logging {

    /** The levels {@code --log-level} accepts. */
    enum LogLevel {
        ERROR(Level.ERROR), WARN(Level.WARN), INFO(Level.INFO), DEBUG(Level.DEBUG);

        private final Level level;

        LogLevel(Level level) {
            this.level = level;
        }
    }

    /** Undoes a temporary level change. */
    interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private Logging() {}

    static void setRootLevel(LogLevel level) {
        root().setLevel(level.level);
    }

    /** Raises the root level to WARN until closed; does nothing when the user chose a level. */
    static Restore quietUnlessChosen(boolean userChoseLevel) {
        Logger root = root();
        Level previous = root.getLevel();
        if (userChoseLevel || previous.isGreaterOrEqual(Level.WARN)) {
            return () -> {};
        }
        root.setLevel(Level.WARN);
        return () -> root.setLevel(previous);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
