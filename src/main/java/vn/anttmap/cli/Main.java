package vn.anttmap.cli;

/**
 * The command line's entry point (the jar's main class). It lives here, not in {@code App}, so that the composition
 * root does not depend on the command line that uses it.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AnttMapCommand.run(args));
    }
}
