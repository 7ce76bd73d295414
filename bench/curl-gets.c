/* The floor for bench/http.sh: COUNT sequential authenticated GETs of /api/account over one keep-alive libcurl
 * handle, the least a client on libcurl can do. Built by the bench with `cc -O2 ... -lcurl`.
 * usage: curl-gets URL CA-FILE API-KEY COUNT   (prints "COUNT GETs in S s: R requests/s") */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static size_t discard(char *data, size_t size, size_t count, void *context) {
    (void)data;
    (void)context;
    return size * count;
}

static int get(CURL *handle) {
    long status = 0;
    if (curl_easy_perform(handle) != CURLE_OK) return -1;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    return status == 200 ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: curl-gets URL CA-FILE API-KEY COUNT\n");
        return 2;
    }
    int count = atoi(argv[4]);
    char authorization[4096];
    snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", argv[3]);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *handle = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, authorization);
    headers = curl_slist_append(headers, "User-Agent: anaconda-auth/0.1.0");
    curl_easy_setopt(handle, CURLOPT_URL, argv[1]);
    curl_easy_setopt(handle, CURLOPT_CAINFO, argv[2]);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(handle, CURLOPT_PROXY, "");
    if (get(handle) != 0) { /* connect first: the loop measures keep-alive */
        fprintf(stderr, "curl-gets: the first request failed\n");
        return 1;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < count; i++) {
        if (get(handle) != 0) {
            fprintf(stderr, "curl-gets: request %d failed\n", i);
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%d GETs in %.3f s: %.0f requests/s\n", count, seconds, count / seconds);
    curl_slist_free_all(headers);
    curl_easy_cleanup(handle);
    return 0;
}
