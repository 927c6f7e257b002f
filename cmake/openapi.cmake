# The served OpenAPI document, bundled at build time from one fragment per capability
# (openapi/*.json, with openapi/base.json as the frame) and the profile schema, which the
# fragments reference by file (data/profile.schema.json) rather than copy.
#
# Defines:
#   bundle_openapi            the build tool (src/tools/bundle_openapi.cc)
#   bundle_openapi_tests      its unit tests, when BUILD_TESTING is on (or unset) and GTest found
#   openapi_bundle            a target that only makes the bundle (ninja openapi_bundle)
#   MOTEPLASS_OPENAPI_BUNDLE  the path of the bundle, ${CMAKE_BINARY_DIR}/generated/openapi.json,
#                             made by a custom command in this directory; embed it from here
#                             (a target in another directory cannot depend on it directly)
#
# Included by CMakeLists.txt after find_package(nlohmann_json).
include_guard(GLOBAL)

if(NOT TARGET nlohmann_json::nlohmann_json)
  find_package(nlohmann_json 3.11 REQUIRED)
endif()

add_executable(bundle_openapi
  ${CMAKE_SOURCE_DIR}/src/tools/openapi_bundle.cc
  ${CMAKE_SOURCE_DIR}/src/tools/bundle_openapi.cc)
target_include_directories(bundle_openapi PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(bundle_openapi PRIVATE nlohmann_json::nlohmann_json)
# Said here as well as by CMAKE_CXX_STANDARD, so that the tool builds the same wherever this
# file is included from.
target_compile_features(bundle_openapi PRIVATE cxx_std_20)

# base.json first: the bundler takes the frame from its first input. The fragments after it go
# in sorted order (GLOB sorts), so the bundle's key order does not depend on the file system.
set(MOTEPLASS_OPENAPI_BASE ${CMAKE_SOURCE_DIR}/openapi/base.json)
file(GLOB MOTEPLASS_OPENAPI_FRAGMENTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/openapi/*.json)
list(REMOVE_ITEM MOTEPLASS_OPENAPI_FRAGMENTS ${MOTEPLASS_OPENAPI_BASE})
set(MOTEPLASS_OPENAPI_BUNDLE ${CMAKE_BINARY_DIR}/generated/openapi.json)
add_custom_command(
  OUTPUT ${MOTEPLASS_OPENAPI_BUNDLE}
  COMMAND bundle_openapi ${MOTEPLASS_OPENAPI_BUNDLE} ${MOTEPLASS_OPENAPI_BASE} ${MOTEPLASS_OPENAPI_FRAGMENTS}
  # The schema files the fragments refer to by "$ref" are inputs too.
  DEPENDS bundle_openapi ${MOTEPLASS_OPENAPI_BASE} ${MOTEPLASS_OPENAPI_FRAGMENTS}
          ${CMAKE_SOURCE_DIR}/data/profile.schema.json
  COMMENT "Bundling the OpenAPI document"
  VERBATIM)
add_custom_target(openapi_bundle DEPENDS ${MOTEPLASS_OPENAPI_BUNDLE})

# BUILD_TESTING is CTest's switch; when nothing defines it, tests are built, as the other tests
# of the project are.
if(NOT DEFINED BUILD_TESTING OR BUILD_TESTING)
  if(NOT TARGET GTest::gtest_main)
    find_package(GTest QUIET)
  endif()
  if(TARGET GTest::gtest_main AND TARGET GTest::gmock)
    add_executable(bundle_openapi_tests
      ${CMAKE_SOURCE_DIR}/src/tools/openapi_bundle.cc
      ${CMAKE_SOURCE_DIR}/src/tools/bundle_openapi_test.cc)
    target_include_directories(bundle_openapi_tests PRIVATE ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(bundle_openapi_tests PRIVATE nlohmann_json::nlohmann_json GTest::gmock GTest::gtest_main)
    target_compile_features(bundle_openapi_tests PRIVATE cxx_std_20)
    # Lets one test bundle the project's own fragments.
    target_compile_definitions(bundle_openapi_tests PRIVATE MOTEPLASS_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    add_test(NAME bundle_openapi_tests COMMAND bundle_openapi_tests)
  endif()
endif()
