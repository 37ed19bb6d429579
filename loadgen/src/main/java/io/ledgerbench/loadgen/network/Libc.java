package io.ledgerbench.loadgen.network;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** The few C library calls a TAP device is driven with (JNA direct mapping; -1 returns raise errno). */
final class Libc {

    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EFAULT = 14;
    static final short POLLIN = 1;

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int ioctl(int fd, long request, byte[] argument) throws LastErrorException;

    /** fds: struct pollfd entries of 8 bytes (int fd, short events, short revents), native byte order. */
    static native int poll(byte[] fds, long count, int timeoutMillis) throws LastErrorException;

    static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    static native long write(int fd, byte[] buffer, long count) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static final int PR_SET_TIMERSLACK = 29;

    static native int prctl(int option, long argument2, long argument3, long argument4, long argument5)
            throws LastErrorException;
}
