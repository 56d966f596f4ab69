/**
 * The {@code shadowrec} command line: {@code replay} (pcap/pcapng files → recordings) and {@code capture} (a live
 * interface → recordings until SIGINT/SIGTERM). Exit codes are documented on {@link org.shadowrec.capture.cli.Main}.
 */
package org.shadowrec.capture.cli;
