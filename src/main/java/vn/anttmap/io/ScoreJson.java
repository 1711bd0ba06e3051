package vn.anttmap.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;

import java.io.IOException;
import java.util.Locale;

/**
 * JSON as the API and the command line write it: dates in ISO 8601, statuses and kinds as lower-case codes,
 * verdicts with their Vietnamese and English words.
 */
public final class ScoreJson {
    static final SimpleModule MODULE = new SimpleModule("antt-scoring")
            .addSerializer(Scorecard.Status.class, lowerCase())
            .addSerializer(Standard.Kind.class, lowerCase())
            .addSerializer(Standard.Level.class, lowerCase())
            .addSerializer(Scorecard.Verdict.class, new JsonSerializer<>() {
                @Override
                public void serialize(Scorecard.Verdict v, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeStartObject();
                    g.writeStringField("code", v.name().toLowerCase(Locale.ROOT));
                    g.writeStringField("vi", v.vi());
                    g.writeStringField("en", v.en());
                    g.writeEndObject();
                }
            });

    private ScoreJson() {
    }

    /** A mapper with these conventions; thread-safe once built. */
    public static com.fasterxml.jackson.databind.ObjectMapper mapper() {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .registerModule(MODULE)
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static <E extends Enum<E>> JsonSerializer<E> lowerCase() {
        return new JsonSerializer<>() {
            @Override
            public void serialize(E e, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(e.name().toLowerCase(Locale.ROOT));
            }
        };
    }
}
