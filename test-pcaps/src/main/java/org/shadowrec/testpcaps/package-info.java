/**
 * Test utilities other modules' tests use to check recordings against the committed captures:
 * {@link org.shadowrec.testpcaps.TestPcaps} (where the captures are), {@link org.shadowrec.testpcaps.ExpectedResult}
 * (what a recorder must produce from each), {@link org.shadowrec.testpcaps.Wav} (read/write PCM16 WAV) and
 * {@link org.shadowrec.testpcaps.Tones} (which tone a channel holds, how loud).
 */
package org.shadowrec.testpcaps;
