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
                UserCommand.Token.class, UserCommand.Tokens.class, UserCommand.Revoke.class, UserCommand.Set.class})
final class UserCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: add, remove, passwd, set, list, token, tokens or revoke");
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

    /** An officer's ward or a leader's scope (kept in the same place); not both. */
    static String scopeOrWard(String ward, String scope) {
        if (ward != null && scope != null) {
            throw new IllegalArgumentException("give --ward (an officer's ward) or --scope (a leader's wards), not both");
        }
        return ward != null ? ward : scope;
    }

    static Account.Role role(String role) {
        try {
            return Account.Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be officer, leader, planner or admin, got '" + role + "'");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; the password is read from standard input.")
    static final class Add extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "officer, leader, planner or admin.")
        String role;

        @Option(names = "--ward", paramLabel = "ID", description = "For an officer: the ward they serve.")
        String ward;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "For a leader: the wards they oversee, ward ids "
                + "separated by commas (hai-hoa,binh-minh) or a province (province:Thanh Hóa).")
        String scope;

        @Override
        public Integer call() throws Exception {
            Account.Role r = role(role);
            char[] password = readPassword();
            try (App.Services s = services()) {
                s.auth().addUser(username, r, scopeOrWard(ward, scope), password);
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

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "List a user's tokens: id, name, created (never the tokens).")
    static final class Tokens extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() throws Exception {
            try (App.Services s = services()) {
                for (vn.anttmap.model.ApiToken t : s.auth().tokens(username)) {
                    out().printf("%-16s %-20s %s%n", t.id(), t.name() == null ? "" : t.name(), t.createdAt());
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = {
            "Revoke a user's tokens by id or name (--token), or end every session and token of the user.",
            "A running server refuses them on their next request."})
    static final class Revoke extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--token", paramLabel = "ID|NAME", description = "The token's id (from 'user tokens') or name; "
                + "without it, every session and token of the user ends.")
        String token;

        @Override
        public Integer call() throws Exception {
            int n;
            try (App.Services s = services()) {
                n = s.auth().revoke(username, token, null);
            }
            if (n == 0) {
                throw new IllegalArgumentException(token == null ? "no user '" + username + "'"
                        : "no token '" + token + "' of " + username);
            }
            out().println(token == null ? "ended every session and token of " + username : "revoked " + n + " token(s) of " + username);
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = {
            "Change a user's role or ward; their sessions and tokens end (they sign in again)."})
    static final class Set extends DataCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--role", paramLabel = "ROLE", description = "officer, leader, planner or admin.")
        String role;

        @Option(names = "--ward", paramLabel = "ID", description = "For an officer: the ward they serve.")
        String ward;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "For a leader: the wards they oversee, ward ids "
                + "separated by commas (hai-hoa,binh-minh) or a province (province:Thanh Hóa).")
        String scope;

        @Override
        public Integer call() throws Exception {
            if (role == null && ward == null && scope == null) {
                throw new IllegalArgumentException("give --role, --ward, --scope or both");
            }
            Account a;
            try (App.Services s = services()) {
                a = s.auth().setRoleAndWard(username, role == null ? null : role(role), scopeOrWard(ward, scope));
            }
            out().println(username + ": " + a.role().name().toLowerCase(Locale.ROOT) + (a.wardId() == null ? "" : " " + a.wardId()));
            return 0;
        }
    }
}
