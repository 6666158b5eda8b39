package io.keyward.standalone;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmbeddedDatabaseTests {

	@Test
	void whenTheDataDirectoryIsInUseThenTheSecondStartSaysSoInOneLine(@TempDir Path dataDir) throws Exception {
		try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, 0)) {
			assertThatExceptionOfType(EmbeddedDatabase.DataDirectoryInUseException.class)
				.isThrownBy(() -> EmbeddedDatabase.start(dataDir, 0))
				.withMessage("the data directory " + dataDir + " is in use by another Keyward (or its database): "
						+ "stop that one, or give this one its own KEYWARD_DATA_DIR");
		}
	}

}
