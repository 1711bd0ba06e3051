package vn.anttmap;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import io.javalin.testtools.TestConfig;
import okhttp3.OkHttpClient;

import java.time.Duration;

/**
 * Javalin's test tool with a client that waits as long as the server takes: OkHttp's default 10 s read time-out made
 * tests fail when the machine was busy (an export of the demo took longer under load), and a test must not race the
 * clock. A request that never answers is still stopped by the build's own test time-out.
 *
 * <p>Its requests ask for English ({@code Accept-Language: en}) unless they name a language: the API answers
 * Vietnamese by default, and the tests written before it spoke Vietnamese assert its English texts. {@code
 * ErrorLanguageTest} asks for each language, and for none.
 */
public final class TestHttp {
    private static final OkHttpClient PATIENT = io.javalin.testtools.DefaultTestConfig.getOkHttpClient().newBuilder()
            .connectTimeout(Duration.ZERO).readTimeout(Duration.ZERO).writeTimeout(Duration.ZERO).callTimeout(Duration.ZERO)
            .addInterceptor(chain -> chain.request().header("Accept-Language") != null ? chain.proceed(chain.request())
                    : chain.proceed(chain.request().newBuilder().header("Accept-Language", "en").build()))
            .build();

    private TestHttp() {
    }

    public static void test(Javalin app, TestCase testCase) {
        JavalinTest.test(app, new TestConfig(io.javalin.testtools.DefaultTestConfig.getClearCookies(),
                io.javalin.testtools.DefaultTestConfig.getCaptureLogs(), PATIENT), testCase);
    }
}
