package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipDecoder;

/** JAIN-SIP stays inside one class: no API type exposes it, and only JainSipParserAdapter references it. */
class JainSipQuarantineTest {
    private static final String ADAPTER = "org/shadowrec/sip/internal/JainSipParserAdapter";

    private static Path classesDir() throws URISyntaxException {
        return Path.of(SipDecoder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static boolean foreign(String typeName) {
        return typeName.contains("gov.nist") || typeName.contains("javax.sip");
    }

    @Test
    void noPublicApiTypeExposesJainSip() throws Exception {
        Path root = classesDir();
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (Path file : classFiles(root.resolve("org/shadowrec/sip/api"))) {
            String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
            Class<?> type = Class.forName(name);
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            checked++;
            List<Type> exposed = new ArrayList<>();
            if (type.getGenericSuperclass() != null) {
                exposed.add(type.getGenericSuperclass());
            }
            exposed.addAll(List.of(type.getGenericInterfaces()));
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
                    exposed.add(f.getGenericType());
                }
            }
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            members.addAll(List.of(type.getDeclaredMethods()));
            for (Executable m : members) {
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    exposed.addAll(List.of(m.getGenericParameterTypes()));
                    exposed.addAll(List.of(m.getGenericExceptionTypes()));
                    if (m instanceof Method method) {
                        exposed.add(method.getGenericReturnType());
                    }
                }
            }
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    exposed.add(c.getGenericType());
                }
            }
            for (Type t : exposed) {
                if (foreign(t.getTypeName())) {
                    leaks.add(type.getName() + " exposes " + t.getTypeName());
                }
            }
        }
        assertTrue(checked >= 12, "expected the API types, found " + checked);
        assertEquals(List.of(), leaks);
    }

    @Test
    void onlyTheAdapterReferencesJainSipInBytecode() throws Exception {
        Path root = classesDir();
        TreeSet<String> referencing = new TreeSet<>();
        for (Path file : classFiles(root)) {
            String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (constantPool.contains("gov/nist/") || constantPool.contains("javax/sip/")) {
                String name = root.relativize(file).toString().replace(".class", "");
                referencing.add(name.contains("$") ? name.substring(0, name.indexOf('$')) : name);
            }
        }
        assertEquals(List.of(ADAPTER), List.copyOf(referencing));
    }

    @Test
    void onlyTheAdapterImportsJainSipInSources() throws IOException {
        Path src = Path.of("src/main/java");
        assertTrue(Files.isDirectory(src), "run from the module directory");
        List<String> importing = new ArrayList<>();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(p);
                if (text.contains("import gov.nist.") || text.contains("import javax.sip.")) {
                    importing.add(src.relativize(p).toString());
                }
            }
        }
        assertEquals(List.of(ADAPTER + ".java"), importing);
        assertFalse(Files.readString(src.resolve(ADAPTER + ".java")).contains("SipStack"), "parser only, never a stack");
    }
}
