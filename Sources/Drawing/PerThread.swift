import Foundation

/// One instance of `T` per thread (`pthread_getspecific`), made on first use and released when the thread
/// exits: state a worker thread keeps between renders without locks (Pango contexts, pixel memory).
final class PerThread<T: AnyObject>: @unchecked Sendable {
    private let key: pthread_key_t
    private let make: @Sendable () -> T

    init(_ make: @escaping @Sendable () -> T) {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            if let raw { Unmanaged<AnyObject>.fromOpaque(raw).release() }
        }
        self.key = key
        self.make = make
    }

    /// The calling thread's instance.
    var current: T {
        if let raw = pthread_getspecific(key) {
            return unsafeDowncast(Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue(), to: T.self)
        }
        let instance = make()
        pthread_setspecific(key, Unmanaged<AnyObject>.passRetained(instance).toOpaque())
        return instance
    }
}
