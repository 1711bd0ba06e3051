package vn.anttmap.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that cannot be accepted, with every problem found (up to a limit) and where. Nothing was written.
 */
public class InvalidInputException extends RuntimeException {
    /** How many problems a message lists before it says how many more there are. */
    public static final int MAX_LISTED = 20;

    private final String source;
    private final List<Problem> problems;

    public InvalidInputException(String source, List<Problem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String source, Problem problem) {
        this(source, List.of(problem));
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(String source, List<Problem> problems) {
        String listed = problems.stream().limit(MAX_LISTED).map(p -> source + ": " + p)
                .collect(Collectors.joining("\n"));
        int more = problems.size() - MAX_LISTED;
        return more > 0 ? listed + "\n… and " + more + " more problems" : listed;
    }
}
