import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call's `errno` in our words (never the C library's text, which varies by system and locale).
public enum SystemReason {
    public static func words(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "a folder on the way does not exist"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder"
        case ENAMETOOLONG: return "the name is too long"
        case ELOOP: return "too many symbolic links on the way"
        case EMFILE, ENFILE: return "too many files are open"
        case EIO: return "the disk reported an input/output error"
        case EXDEV: return "the temporary file and the target are on different file systems"
        case EBUSY, ETXTBSY: return "the file is in use"
        case EEXIST: return "it already exists"
        default: return "system error \(code)"
        }
    }
}
