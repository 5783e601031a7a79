package io.github.zmqffm.safety;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Child-JVM entry point: runs the scenario named {@code Class#method} and prints {@code ok <name>}. */
public final class ScenarioMain {

    private ScenarioMain() {}

    public static void main(String[] args) throws Throwable {
        String name = args[0];
        int hash = name.indexOf('#');
        Method method = Class.forName(ScenarioMain.class.getPackageName() + "." + name.substring(0, hash))
                .getMethod(name.substring(hash + 1));
        try {
            method.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        System.out.println("ok " + name);
        System.out.flush();
        System.exit(0); // a scenario may leave daemon-like threads of its own behind
    }
}
