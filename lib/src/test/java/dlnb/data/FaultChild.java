package dlnb.data;

import java.net.URI;
import java.nio.file.Path;

/**
 * A child JVM for the fault tests that need a separate process: one killed mid-download, one under a
 * file-size limit (a full disk), one running without root's privileges. Settings come as system
 * properties; it prints "OK <path>" or "FAILED" and the message, and exits 0 or 3.
 *
 * <pre>
 * FaultChild fetch URL [LOCAL_DIR]    fetches FaultData's file
 * FaultChild description ID           fetches OpenML's description of ID
 * </pre>
 */
public final class FaultChild {
    private FaultChild() {
    }

    public static void main(String[] args) {
        try {
            Object result = switch (args[0]) {
                case "fetch" -> FaultData.file(URI.create(args[1]), args.length > 2 ? new Path[]{Path.of(args[2])} : new Path[0]).fetch();
                case "description" -> OpenMl.description(Integer.parseInt(args[1])).fileName();
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            };
            System.out.println("OK " + result);
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println("FAILED");
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
