package vn.anttmap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.anttmap.App;
import vn.anttmap.model.Account;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** {@code user}: accounts. Passwords are read from standard input, never from the command line. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage user accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.Passwd.class, UserCommand.List.class,
                UserCommand.Token.class})
final class UserCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: add, remove, passwd, list or token");
    }

    static char[] readPassword() throws java.io.IOException {
        java.io.Console console = System.console();
        if (console != null) {
            return console.readPassword("password: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("no password on standard input");
        }
        return line.toCharArray();
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; the password is read from standard input.")
    static final class Add extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "officer, planner or admin.")
        String role;

        @Option(names = "--ward", paramLabel = "ID", description = "For an officer: the ward they serve.")
        String ward;

        @Override
        public Integer call() throws Exception {
            Account.Role r;
            try {
                r = Account.Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("role must be officer, planner or admin, got '" + role + "'");
            }
            char[] password = readPassword();
            try (App.Services s = services()) {
                s.auth().addUser(username, r, ward, password);
            }
            out().println("added " + username + " (" + r.name().toLowerCase(Locale.ROOT) + ")");
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and their tokens.")
    static final class Remove extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() throws Exception {
            try (App.Services s = services()) {
                if (!s.auth().removeUser(username)) {
                    throw new IllegalArgumentException("no user '" + username + "'");
                }
            }
            out().println("removed " + username);
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password (read from standard input).")
    static final class Passwd extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() throws Exception {
            char[] password = readPassword();
            try (App.Services s = services()) {
                s.auth().setPassword(username, password);
            }
            out().println("password changed for " + username);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their roles.")
    static final class List extends DataCommand {
        @Override
        public Integer call() throws Exception {
            try (App.Services s = services()) {
                for (Account a : s.auth().users()) {
                    out().printf("%-20s %-8s %s%n", a.username(), a.role().name().toLowerCase(Locale.ROOT), a.wardId() == null ? "" : a.wardId());
                }
            }
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Create a personal API token for a user (shown once).")
    static final class Token extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--name", paramLabel = "NAME", description = "What the token is for (default: ${DEFAULT-VALUE}).")
        String name = "cli";

        @Override
        public Integer call() throws Exception {
            try (App.Services s = services()) {
                out().println(s.auth().createToken(username, name));
            }
            return 0;
        }
    }
}
