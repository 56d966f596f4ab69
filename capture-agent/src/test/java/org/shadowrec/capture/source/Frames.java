package org.shadowrec.capture.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shadowrec.capture.api.FrameConsumer;

/** A consumer that keeps a copy of everything it is handed, for assertions. */
final class Frames implements FrameConsumer {
    /** One delivered frame. */
    record Frame(long nanos, int ifIndex, int linkType, int wireLength, byte[] data) {
        @Override
        public String toString() {
            return "Frame[" + nanos + ", if " + ifIndex + ", link " + linkType + ", wire " + wireLength + ", "
                    + Arrays.toString(data) + "]";
        }
    }

    final List<Frame> list = new ArrayList<>();

    @Override
    public void frame(long captureNanos, int ifIndex, int linkType, int wireLength, byte[] buf, int off, int len) {
        list.add(new Frame(captureNanos, ifIndex, linkType, wireLength, Arrays.copyOfRange(buf, off, off + len)));
    }

    Frame get(int i) {
        return list.get(i);
    }

    int size() {
        return list.size();
    }
}
