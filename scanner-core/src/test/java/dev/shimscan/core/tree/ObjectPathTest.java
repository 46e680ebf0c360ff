package dev.shimscan.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "spec        | volumes                 | spec.volumes",
            "''          | apiVersion              | apiVersion",
            "data        | config.toml             | data[\"config.toml\"]",
            "metadata.annotations | a.b/c          | metadata.annotations[\"a.b/c\"]",
            "x           | _under-score$1          | x._under-score$1",
            "x           | 1abc                    | x[\"1abc\"]",
            "x           | -dash                   | x[\"-dash\"]",
            "x           | with space              | x[\"with space\"]",
            "x           | 'quo\"te'               | x[\"quo\\\"te\"]",
    })
    void childPaths(String parent, String key, String expected) {
        assertThat(ObjectPath.child(parent, key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a,true", "A9,true", "$ref,true", "a-b,true", "'',false", "9,false", "a.b,false", "é,false"})
    void simpleKeys(String key, boolean simple) {
        assertThat(ObjectPath.isSimpleKey(key)).isEqualTo(simple);
    }
}
