/**
 * Command line of the capture generator ({@link org.shadowrec.testpcaps.cli.GenerateMain}): re-create the committed
 * captures, or write a large multi-call capture for the bench. A tool, not a library: nothing else depends on it.
 */
package org.shadowrec.testpcaps.cli;
