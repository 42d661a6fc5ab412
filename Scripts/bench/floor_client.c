/* The loopback floor for Scripts/benchmark: N keep-alive POSTs with a bearer token on one
 * connection, each answer read in full (Content-Length), nothing else. Prints the seconds taken.
 * usage: floor_client HOST PORT PATH TOKEN N */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s HOST PORT PATH TOKEN N\n", argv[0]);
        return 2;
    }
    int n = atoi(argv[5]);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &address.sin_addr);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { perror("connect"); return 1; }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char request[4096];
    int length = snprintf(request, sizeof request,
        "POST %s HTTP/1.1\r\nHost: %s:%s\r\nAccept: application/json\r\nAuthorization: Bearer %s\r\nContent-Length: 0\r\n\r\n",
        argv[3], argv[1], argv[2], argv[4]);
    static char buffer[1 << 16];
    double started = now();
    for (int i = 0; i < n; i++) {
        if (send(fd, request, (size_t)length, MSG_NOSIGNAL) != length) { perror("send"); return 1; }
        size_t have = 0;
        long body = -1;
        size_t headEnd = 0;
        for (;;) {
            ssize_t got = recv(fd, buffer + have, sizeof buffer - have - 1, 0);
            if (got <= 0) { fprintf(stderr, "connection closed after %d requests\n", i); return 1; }
            have += (size_t)got;
            buffer[have] = 0;
            if (body < 0) {
                char *end = strstr(buffer, "\r\n\r\n");
                if (!end) continue;
                headEnd = (size_t)(end - buffer) + 4;
                char *field = strcasestr(buffer, "\r\nContent-Length:");
                if (!field || field > end) { fprintf(stderr, "no Content-Length\n"); return 1; }
                body = atol(field + 17);
                if (strncmp(buffer, "HTTP/1.1 200", 12) != 0) { fprintf(stderr, "status: %.12s\n", buffer); return 1; }
            }
            if (have >= headEnd + (size_t)body) break;
        }
    }
    printf("%.6f\n", now() - started);
    close(fd);
    return 0;
}
