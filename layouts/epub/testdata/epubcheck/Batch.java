// Batch runs EPUBCheck's own command line on each file named, one after
// another in one Java process, so that the process starts and EPUBCheck's
// schemas are compiled once rather than once a file. Each file's JSON
// report is written beside it, as FILE.json; the options and the checks
// are the command line's (TestEPUBCheck, layouts/epub/epubcheck_test.go).
import com.adobe.epubcheck.tool.EpubChecker;

public class Batch {
    public static void main(String[] files) {
        for (String f : files) {
            new EpubChecker().run(new String[] {f, "--json", f + ".json", "--quiet"});
        }
    }
}
